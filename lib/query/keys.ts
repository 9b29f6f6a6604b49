import type { QueryParams } from "./api";
import { paths } from "./paths";

/**
 * Query keys mirror the API: `["api", path, params]`. A server page that seeds a read through the
 * service and a client component that fetches it over HTTP share one key, so the client continues
 * from the server's data; invalidating `["api", path]` refreshes every page of that list.
 */
export function apiKey(path: string, params?: QueryParams) {
  return params && Object.keys(params).length ? (["api", path, normalise(params)] as const) : (["api", path] as const);
}

function normalise(params: QueryParams): QueryParams {
  const out: QueryParams = {};
  for (const k of Object.keys(params).sort()) {
    const v = params[k];
    if (v !== undefined && v !== null && v !== "") out[k] = v;
  }
  return out;
}

/** A me/* read for one tenant: after a tenant switch a cached answer of the other one is never shown. */
const forTenant = (path: string, tenantId: string | null) => [...apiKey(path), { tenant: tenantId }] as const;

/**
 * The one key factory. `all` is the prefix of a resource's every read (what a write invalidates);
 * the functions name one read. Reads keyed by path prefix (a user's detail and everything under
 * it) are matched by `isUnder`.
 */
export const queryKeys = {
  me: {
    permissions: (tenantId: string | null) => forTenant(paths.myPermissions, tenantId),
    menus: (tenantId: string | null) => forTenant(paths.myMenus, tenantId),
    permissionMap: (tenantId: string | null) => forTenant(paths.myPermissionMap, tenantId),
    /** Prefixes: every tenant's answer of each read. */
    all: [apiKey(paths.myPermissions), apiKey(paths.myMenus), apiKey(paths.myPermissionMap)],
    mfa: apiKey(paths.myMfa),
    sessions: apiKey(paths.mySessions),
  },
  roles: {
    all: apiKey(paths.roles),
    list: (params?: QueryParams) => apiKey(paths.roles, params),
    detail: (id: string) => apiKey(paths.role(id)),
    users: (id: string) => apiKey(paths.roleUsers(id)),
    /** Another tenant's roles (read with X-Tenant-Id): never mixed with the active tenant's list. */
    ofTenant: (tenantId: string, params: QueryParams) => ["tenant-roles", tenantId, params] as const,
  },
  matrix: { all: apiKey(paths.matrix) },
  catalog: {
    groups: apiKey(paths.permissionGroups),
    dependencies: (code: string) => apiKey(paths.permissionDependencies(code)),
    holders: (code: string) => apiKey(paths.permissionHolders(code)),
    modules: (params?: QueryParams) => apiKey(paths.modules, params),
    menuItems: (params?: QueryParams) => apiKey(paths.menuItems, params),
  },
  users: {
    all: apiKey(paths.users),
    list: (params?: QueryParams) => apiKey(paths.users, params),
    detail: (id: string) => apiKey(paths.user(id)),
    permissions: (id: string, params?: QueryParams) => apiKey(paths.userPermissions(id), params),
    stats: (id: string) => apiKey(paths.userPermissionStats(id)),
    explain: (id: string, code: string, params?: QueryParams) => apiKey(paths.userExplain(id, code), params),
    audit: (id: string) => apiKey(paths.userAudit(id)),
  },
  invitations: {
    all: apiKey(paths.invitations),
    list: (params?: QueryParams) => apiKey(paths.invitations, params),
  },
  organisation: {
    departments: apiKey(paths.departments),
    teams: apiKey(paths.teams),
  },
  templates: {
    all: apiKey(paths.templates),
    list: (params?: QueryParams) => apiKey(paths.templates, params),
    detail: (id: string) => apiKey(paths.template(id)),
  },
  plans: { all: apiKey(paths.plans) },
  tenants: {
    all: apiKey(paths.tenants),
    list: (params?: QueryParams) => apiKey(paths.tenants, params),
    planImpact: (id: string, params?: QueryParams) => apiKey(paths.tenantPlanImpact(id), params),
  },
  approvals: {
    all: apiKey(paths.approvals),
    list: (params?: QueryParams) => apiKey(paths.approvals, params),
  },
  audit: {
    all: apiKey(paths.audit),
    list: (params?: QueryParams) => apiKey(paths.audit, params),
    verify: apiKey(paths.auditVerify),
  },
  apiKeys: { all: apiKey(paths.apiKeys) },
  stats: {
    checks: apiKey(paths.checkStats),
    checksFor: (params: QueryParams) => apiKey(paths.checkStats, params),
    usage: apiKey(paths.usageStats),
    usageFor: (params: QueryParams) => apiKey(paths.usageStats, params),
    roleMembersFor: (params: QueryParams) => apiKey(paths.roleMemberStats, params),
  },
  decisions: {
    all: apiKey(paths.decisions),
    list: (params: QueryParams) => apiKey(paths.decisions, params),
  },
};

/** What a write to one role can change: the role, the list, the matrix, its history and approvals. */
export const roleWriteKeys = (id: string) => [
  queryKeys.roles.detail(id),
  queryKeys.roles.all,
  queryKeys.matrix.all,
  queryKeys.audit.all,
  queryKeys.approvals.all,
];

/** Whether a cached query reads `path` or anything under it (`/users/1`, `/users/1/audit`, …). */
export function isUnder(queryKey: readonly unknown[], path: string): boolean {
  const p = queryKey[1];
  return queryKey[0] === "api" && typeof p === "string" && (p === path || p.startsWith(`${path}/`));
}
