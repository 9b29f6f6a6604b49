import { z } from "zod";
import { uuid } from "./common";
import { page } from "./lists";

/**
 * Which hash chain a read is about: the caller's tenant's (default), or the platform's — entries no
 * tenant owns (plans and plan features, the global catalog, global templates) —
 * which only a platform super-admin may read, export or verify.
 */
const chain = z
  .enum(["tenant", "platform"])
  .default("tenant")
  .describe(
    "`tenant` (default): the caller's tenant's log. `platform`: the tenant-less log of platform-wide changes (plans, the global catalog and templates); platform super-admins only, else 403",
  );

/**
 * An instant of the log. ISO 8601 (and zod) accept year 0000, which PostgreSQL's timestamptz does
 * not (the query fails: a 500); no entry predates 1970, so the range starts there.
 */
const instant = z.iso.datetime({ offset: true }).refine((v) => Date.parse(v) >= 0, "Must be 1970-01-01 or later");

export const auditQuery = z.strictObject({
  actor_id: uuid.optional(),
  target_type: z.string().max(50).optional(),
  target_id: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  from: instant.optional(),
  to: instant.optional(),
  scope: chain,
  ...page,
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditVerifyQuery = z.strictObject({ scope: chain });
export type AuditVerifyQuery = z.infer<typeof auditVerifyQuery>;

/** Typed event names: `<target>.<what happened>`. */
export type AuditAction =
  | "api_key.created"
  | "api_key.revoked"
  | "role.created"
  | "role.updated"
  | "role.deleted"
  | "role.permissions.updated"
  | "role.parents.updated"
  | "user.role.assigned"
  | "user.role.removed"
  | "user.override.set"
  | "user.override.removed"
  | "user.created"
  | "user.membership.updated"
  | "user.membership.removed"
  | "invitation.created"
  | "invitation.accepted"
  | "invitation.revoked"
  | "user.sessions.ended"
  | "permission.created"
  | "permission.updated"
  | "permission.deleted"
  | "permission.dependencies.updated"
  | "module.created"
  | "module.updated"
  | "module.deleted"
  | "menu_item.created"
  | "menu_item.updated"
  | "menu_item.deleted"
  | "template.created"
  | "template.updated"
  | "template.deleted"
  | "template.applied"
  | "plan.created"
  | "plan.updated"
  | "plan.features.updated"
  | "tenant.created"
  | "tenant.updated"
  | "policy.applied"
  | "department.created"
  | "department.updated"
  | "department.deleted"
  | "team.created"
  | "team.updated"
  | "team.deleted"
  | "team.members.updated"
  | "user.department.updated"
  | "policy.legacy_menus_migrated"
  | "approval.requested"
  | "approval.approved"
  | "approval.rejected"
  | "access.denied";
