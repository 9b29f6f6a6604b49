import type { listAudit } from "@/lib/services/audit-log";
import type { permissionGroups } from "@/lib/services/catalog";
import type { getTenantRole, getTenantRoleUsers, listTenantRoles } from "@/lib/services/roles";
import type { listTenantTemplates } from "@/lib/services/templates";

/** The JSON the read routes answer — the services' own return types, never written twice. */
export type RoleList = Awaited<ReturnType<typeof listTenantRoles>>;
export type RoleListItem = RoleList["data"][number];
export type RoleDetail = Awaited<ReturnType<typeof getTenantRole>>;
export type RoleGrant = RoleDetail["permissions"][number];
export type RoleUsers = Awaited<ReturnType<typeof getTenantRoleUsers>>;
export type AuditList = Awaited<ReturnType<typeof listAudit>>;
export type AuditItem = AuditList["data"][number];
export type TemplateList = Awaited<ReturnType<typeof listTenantTemplates>>;
export type TemplateItem = TemplateList["data"][number];
export type CatalogGroups = Awaited<ReturnType<typeof permissionGroups>>;

/** What a grant write answers: 200, or 202 with the approval requests it opened instead. */
export interface GrantWriteResult {
  version: number;
  added?: string[];
  removed?: string[];
  approval_ids?: string[];
}

/** The one list the console pages read roles from (seeded by the server under the same key). */
export const ROLES_PATH = "/api/v1/roles";
export const ROLES_PARAMS = { limit: 200 } as const;
export const TEMPLATES_PATH = "/api/v1/templates";
export const TEMPLATES_PARAMS = { limit: 200 } as const;
export const CATALOG_PATH = "/api/v1/permissions/groups";
export const rolePath = (id: string) => `/api/v1/roles/${id}`;

/** What a write to one role can change: the role, the list, the matrix, its history and approvals. */
export const roleWriteKeys = (id: string) => [
  rolePath(id),
  ROLES_PATH,
  "/api/v1/matrix",
  "/api/v1/audit",
  "/api/v1/approvals",
];

/** "3 grants await approval" for a write that answered 202, else null. */
export function approvalsNote(result: { approval_ids?: string[] } | null | undefined): string | null {
  const n = result?.approval_ids?.length ?? 0;
  return n ? `${n} grant${n === 1 ? " awaits" : "s await"} approval` : null;
}
