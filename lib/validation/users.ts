import { z } from "zod";
import { MAX_BULK } from "./bulk";
import { decisionContext, permissionCode, uuid } from "./common";
import { page } from "./lists";

const future = z.iso.datetime({ offset: true }).refine((v) => Date.parse(v) > Date.now(), "Must be in the future");

export const userParams = z.strictObject({ id: uuid });
export const userRoleParams = z.strictObject({ id: uuid, role_id: uuid });
export const userOverrideParams = z.strictObject({ id: uuid, ref: uuid });
export const userExplainParams = z.strictObject({ id: uuid, ref: permissionCode });
/**
 * `?context=` a JSON object, the check API's `context` (DESIGN §3.6): the decision is then made with
 * every scope and condition evaluated against it, as `POST /check` would with the same context.
 */
export const userExplainQuery = z.strictObject({
  context: z
    .string()
    .max(8192)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: 'Not JSON: send a JSON object, such as {"amount":50}' });
        return z.NEVER;
      }
    })
    .pipe(decisionContext)
    .optional()
    .describe('The resource and fields to decide with, as JSON: `{"resource":{"owner_id":"…"},"amount":50}`'),
});
export const userListQuery = z.strictObject({
  search: z.string().trim().max(100).optional(),
  role_id: uuid.optional(),
  ...page,
});
const bool = z.enum(["true", "false"]).transform((v) => v === "true");
export const userPermissionsQuery = z.strictObject({
  include_inherited: bool.optional().default(true),
  module: z.string().max(100).optional(),
  category: z.string().max(30).optional(),
  active_only: bool.optional().default(false),
});
/** `GET /users/{id}/audit`: pages like every list. */
export const userAuditQuery = z.strictObject({ ...page });
export const createUserRequest = z.strictObject({
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(200),
  password: z.string().min(12, "At least 12 characters").max(200).optional(),
  role_ids: z.array(uuid).max(20).optional().default([]),
});
export const assignRoleRequest = z.strictObject({ role_id: uuid, expires_at: future.nullable().optional() });
export const overridesRequest = z.strictObject({
  permissions: z
    .array(
      z.strictObject({
        code: permissionCode,
        effect: z.enum(["allow", "deny", "inherit"]),
        notes: z.string().max(500).nullable().optional(),
        expires_at: future.nullable().optional(),
      }),
    )
    .min(1)
    .max(MAX_BULK)
    .refine((p) => new Set(p.map((x) => x.code)).size === p.length, "Each code at most once"),
});
/** A member's standing in this tenant (not their account, which other tenants share). */
/** PATCH /users/{id}: the membership's status and the member's department (null: none). */
export const updateMemberRequest = z
  .strictObject({ status: z.enum(["active", "disabled"]).optional(), department_id: uuid.nullable().optional() })
  .refine((b) => b.status !== undefined || b.department_id !== undefined, "Send status or department_id");
export type UpdateMemberRequest = z.infer<typeof updateMemberRequest>;
export type CreateUserRequest = z.infer<typeof createUserRequest>;
export type OverridesRequest = z.infer<typeof overridesRequest>;

/** POST /api/v1/users/import: the CSV file's text (header email,name,roles), within the 1 MB body. */
export const usersImportRequest = z.strictObject({ csv: z.string().min(1, "The file is empty") });
export const dryRunQuery = z.strictObject({
  dry_run: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
});
