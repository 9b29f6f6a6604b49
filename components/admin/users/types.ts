import type { listNavigationModules } from "@/lib/services/navigation-catalog";
import type { listTenantRoles } from "@/lib/services/roles";
import type {
  explainUserPermission,
  getUser,
  getUserAudit,
  getUserPermissionStats,
  getUserPermissions,
  listUsers,
} from "@/lib/services/users";

/** The JSON the read routes answer — the services' own return types, never written twice. */
export type UserList = Awaited<ReturnType<typeof listUsers>>;
export type UserListItem = UserList["data"][number];
export type UserDetail = Awaited<ReturnType<typeof getUser>>;
export type UserRole = UserDetail["roles"][number];
export type UserOverride = UserDetail["overrides"][number];
export type UserPermissions = Awaited<ReturnType<typeof getUserPermissions>>;
export type UserPermission = UserPermissions["data"][number];
export type UserStats = Awaited<ReturnType<typeof getUserPermissionStats>>;
export type UserExplanation = Awaited<ReturnType<typeof explainUserPermission>>;
export type UserAudit = Awaited<ReturnType<typeof getUserAudit>>;
export type UserAuditEntry = UserAudit["data"][number];
export type RoleList = Awaited<ReturnType<typeof listTenantRoles>>;
export type RoleOption = RoleList["data"][number];
export type ModuleList = Awaited<ReturnType<typeof listNavigationModules>>;
export type ModuleItem = ModuleList["data"][number];

/** Override effects as the bulk upsert takes them: inherit removes the override. */
export type OverrideEffect = "inherit" | "allow" | "deny";
/** What a user write answers: 202 with the approval requests it opened instead of granting. */
export interface UserWriteResult {
  perm_version?: number;
  approvals?: { id: string; code: string }[];
  approval_ids?: string[];
}

/** The keys the server pages seed and the client components read (same path, same params). */
export const USERS_PATH = "/api/v1/users";
export const USERS_PAGE_SIZE = 25;
export const ROLES_PATH = "/api/v1/roles";
export const ROLES_PARAMS = { limit: 200 } as const;
export const MODULES_PATH = "/api/v1/modules";
export const MODULES_PARAMS = { limit: 200 } as const;
export const PERMISSIONS_PARAMS = { include_inherited: true } as const;

export const userPath = (id: string) => `/api/v1/users/${id}`;
export const userPermissionsPath = (id: string) => `/api/v1/users/${id}/permissions`;
export const userStatsPath = (id: string) => `/api/v1/users/${id}/permissions/stats`;
export const userAuditPath = (id: string) => `/api/v1/users/${id}/audit`;
export const userExplainPath = (id: string, code: string) => `/api/v1/users/${id}/permissions/${code}/explain`;

/** The saved effect of a user's own override on a code ("inherit" when there is none). */
export function savedEffect(o: { effect: string } | undefined): OverrideEffect {
  return o?.effect === "allow" || o?.effect === "deny" ? o.effect : "inherit";
}
