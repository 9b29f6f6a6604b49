import type { listApprovals } from "@/lib/services/approvals";
import type { listAudit } from "@/lib/services/audit-log";
import type { getMatrix } from "@/lib/services/matrix";
import type { listTenantRoles } from "@/lib/services/roles";

/** The JSON the read routes answer — the services' own return types, never written twice. */
export type MatrixData = Awaited<ReturnType<typeof getMatrix>>;
export type MatrixPermission = MatrixData["permissions"][number];
export type MatrixRole = MatrixData["roles"][number];
export type RoleList = Awaited<ReturnType<typeof listTenantRoles>>;
export type RoleListItem = RoleList["data"][number];
export type ApprovalList = Awaited<ReturnType<typeof listApprovals>>;
export type AuditList = Awaited<ReturnType<typeof listAudit>>;
export type AuditItem = AuditList["data"][number];

/** One `depends_on` edge of the catalog: `code` needs `depends_on`. */
export interface DependencyEdge {
  code: string;
  depends_on: string;
}
export interface ModuleInfo {
  code: string;
  name: string;
  sort_order: number;
}

/** The keys the page seeds and the client reads (same path and params: no loading flash). */
export const MATRIX_PATH = "/api/v1/matrix";
export const ROLES_PATH = "/api/v1/roles";
export const ROLES_PARAMS = { limit: 200 } as const;
export const APPROVALS_PATH = "/api/v1/approvals";
export const APPROVALS_PARAMS = { status: "pending", limit: 200 } as const;

/** What the viewer may do here, decided on the server. */
export interface MatrixAbilities {
  canManage: boolean;
  canViewAudit: boolean;
  canViewApprovals: boolean;
}

/** What `PATCH /api/v1/matrix` answers: 200, or 202 with the approval requests it opened. */
export interface MatrixPatchResult {
  roles: { role_id: string; version: number; added: string[]; removed: string[] }[];
  approvals?: { id: string; code: string }[];
  approval_ids?: string[];
  perm_version: number;
}
