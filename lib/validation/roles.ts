import { z } from "zod";
import { conditionProblems, MAX_CONDITION_BYTES, MAX_CONDITION_DEPTH } from "@/lib/permissions/conditions";
import { SCOPES } from "@/lib/permissions/types";
import { MAX_BULK } from "./bulk";
import { permissionCode, uuid } from "./common";
import { page } from "./lists";

export const roleParams = z.strictObject({ id: uuid });
export const roleListQuery = z.strictObject({ search: z.string().trim().max(100).optional(), ...page });
export const roleDeleteQuery = z.strictObject({
  force: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
});

export const roleName = z.string().trim().min(1, "A role needs a name").max(100);
export const description = z.string().trim().max(500).nullable();
const version = z.number().int().min(1);
/** Why the requester asks (API.md, approvals): kept on every approval request the write makes. */
const reason = z.string().trim().min(1).max(1000).optional();
/**
 * Conditions of a grant (docs/design.md §3.5, §3.6). The limits are checked on the value as sent,
 * before the record schema copies it: a copy would silently drop a `__proto__` key, turning a
 * condition into no condition (fail open). The operators are checked by the service.
 */
const conditions = z
  .unknown()
  .superRefine((value, ctx) => {
    for (const { path, message } of conditionProblems(value)) ctx.addIssue({ code: "custom", path, message });
  })
  .pipe(z.record(z.string(), z.unknown()))
  // The pipe's input is `unknown`: say in the OpenAPI document what a client sends.
  .meta({
    type: "object",
    additionalProperties: {},
    description: `Field conditions over the context: at most ${MAX_CONDITION_DEPTH} levels, ${MAX_CONDITION_BYTES} bytes as JSON, no __proto__, constructor or prototype key`,
  });

export const grantInput = z.strictObject({
  code: permissionCode,
  scope: z.enum(SCOPES).optional().default("organization"),
  conditions: conditions.nullable().optional(),
});
export type GrantInput = z.infer<typeof grantInput>;

export const grantList = z
  .array(grantInput)
  .max(MAX_BULK)
  .refine((g) => new Set(g.map((x) => x.code)).size === g.length, "Each code at most once");
const codes = z.array(permissionCode).min(1).max(MAX_BULK);

export const createRoleRequest = z.strictObject({
  name: roleName,
  description: description.optional(),
  parent_ids: z.array(uuid).max(20).optional().default([]),
  is_default: z.boolean().optional().default(false),
  permissions: grantList.optional().default([]),
  reason,
});
export const updateRoleRequest = z.strictObject({
  version,
  name: roleName.optional(),
  description: description.optional(),
  parent_ids: z.array(uuid).max(20).optional(),
  is_default: z.boolean().optional(),
  reason,
});
export const replaceGrantsRequest = z.strictObject({ version, permissions: grantList, reason });
export const changeGrantsRequest = z.strictObject({ version, codes, reason });
export const copyRoleRequest = z.strictObject({ version, from_role_id: uuid });
export const matrixQuery = z.strictObject({
  module: z.string().max(100).optional(),
  category: z.string().max(30).optional(),
  search: z.string().max(100).optional(),
});
/** All or nothing in one transaction, so the bulk limit counts every code of every change together. */
export const matrixPatchRequest = z.strictObject({
  reason,
  changes: z
    .array(
      z.strictObject({
        role_id: uuid,
        version,
        grant: z.array(permissionCode).max(MAX_BULK).default([]),
        revoke: z.array(permissionCode).max(MAX_BULK).default([]),
      }),
    )
    .min(1)
    .max(50)
    .refine(
      (changes) => changes.reduce((n, c) => n + c.grant.length + c.revoke.length, 0) <= MAX_BULK,
      `At most ${MAX_BULK} codes in all (grant and revoke of every change together)`,
    )
    .describe(`At most ${MAX_BULK} codes in all, counting grant and revoke of every change together`),
});

export type CreateRoleRequest = z.infer<typeof createRoleRequest>;
export type UpdateRoleRequest = z.infer<typeof updateRoleRequest>;
