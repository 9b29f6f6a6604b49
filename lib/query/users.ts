/**
 * Members of the tenant: the list, one member with everything read about them (permissions,
 * stats, explanations, history), and the writes an admin makes to them.
 */
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  Explanation,
  MembershipUpdated,
  OverridesSet,
  OverridesSetPending,
  RoleAssigned,
  UserAuditPage,
  UserCreated,
  UserDetail as UserDetailSchema,
  UserPage,
  UserPermissionStats,
  UserPermissions as UserPermissionsSchema,
} from "@/lib/validation/responses";
import type { assignRoleRequest, createUserRequest, overridesRequest } from "@/lib/validation/users";
import { api } from "./api";
import { apiQuery, type ReadOptions, useApiMutation, type WriteOptions } from "./hooks";
import { isUnder, queryKeys } from "./keys";
import { paths } from "./paths";

export type UserList = z.infer<typeof UserPage>;
export type UserListItem = UserList["data"][number];
export type UserDetail = z.infer<typeof UserDetailSchema>;
export type UserRole = UserDetail["roles"][number];
export type UserOverride = UserDetail["overrides"][number];
export type UserPermissions = z.infer<typeof UserPermissionsSchema>;
export type UserPermission = UserPermissions["data"][number];
export type UserStats = z.infer<typeof UserPermissionStats>;
export type UserExplanation = z.infer<typeof Explanation>;
export type UserAudit = z.infer<typeof UserAuditPage>;
export type UserAuditEntry = UserAudit["data"][number];
export type UserCreatedResult = z.infer<typeof UserCreated>;
export type RoleAssignedResult = z.infer<typeof RoleAssigned>;
/** 200, or 202 with the approval requests some overrides became. */
export type OverridesResult = z.infer<typeof OverridesSet> | z.infer<typeof OverridesSetPending>;
export type OverridesBody = z.input<typeof overridesRequest>;

export const USERS_PAGE_SIZE = 25;
/** The effective set with where each grant comes from (the detail page's table and stats). */
export const PERMISSIONS_PARAMS = { include_inherited: true } as const;

export interface UserListParams {
  limit: number;
  search?: string;
  role_id?: string;
  cursor?: string;
}

export const userQueries = {
  list: (params: UserListParams) => apiQuery<UserList>(queryKeys.users.list({ ...params }), paths.users, { ...params }),
  detail: (id: string) => apiQuery<UserDetail>(queryKeys.users.detail(id), paths.user(id)),
  permissions: (id: string) =>
    apiQuery<UserPermissions>(
      queryKeys.users.permissions(id, PERMISSIONS_PARAMS),
      paths.userPermissions(id),
      PERMISSIONS_PARAMS,
    ),
  stats: (id: string) => apiQuery<UserStats>(queryKeys.users.stats(id), paths.userPermissionStats(id)),
  /** With a context (the check API's, DESIGN §3.6), scopes and conditions are evaluated against it. */
  explain: (id: string, code: string, context?: Record<string, unknown>) => {
    const params = context ? { context: JSON.stringify(context) } : undefined;
    return apiQuery<UserExplanation>(queryKeys.users.explain(id, code, params), paths.userExplain(id, code), params);
  },
  audit: (id: string) => apiQuery<UserAudit>(queryKeys.users.audit(id), paths.userAudit(id)),
};

/** Paging keeps the previous page on screen until the next one arrives. */
export const useUsers = (params: UserListParams, options: ReadOptions = {}) =>
  useQuery({ ...userQueries.list(params), placeholderData: keepPreviousData, ...options });
export const useUser = (id: string) => useQuery(userQueries.detail(id));
export const useUserPermissions = (id: string) => useQuery(userQueries.permissions(id));
export const useUserStats = (id: string) => useQuery(userQueries.stats(id));
export const useUserExplanation = (id: string, code: string, context?: Record<string, unknown>) =>
  useQuery({ ...userQueries.explain(id, code, context), placeholderData: keepPreviousData });
export const useUserAudit = (id: string, options: ReadOptions = {}) =>
  useQuery({ ...userQueries.audit(id), ...options });

/**
 * After a write to one user: everything read about them (detail, permissions, stats, every
 * explanation, history), the user list (roles column), the roles (user counts) and approvals.
 */
export const userWritten = (id: string) => (key: readonly unknown[]) =>
  isUnder(key, paths.user(id)) ||
  [paths.users, paths.roles, paths.approvals].some((p) => key[0] === "api" && key[1] === p);

export function useRefreshUser(userId: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ predicate: (q) => userWritten(userId)(q.queryKey) });
}

/** Adds a member: a new account, or an existing one joining the tenant. */
export function useCreateUser(options: WriteOptions<z.input<typeof createUserRequest>, UserCreatedResult>) {
  return useApiMutation<z.input<typeof createUserRequest>, UserCreatedResult>({
    mutationFn: (body) => api.post<UserCreatedResult>(paths.users, body),
    ...options,
    // In the background: the new user's page is rendered fresh by the server anyway.
    refresh: [queryKeys.users.all, queryKeys.roles.all],
  });
}

export function useSetMemberStatus(userId: string, options: WriteOptions<"active" | "disabled", unknown>) {
  return useApiMutation<"active" | "disabled", z.infer<typeof MembershipUpdated>>({
    mutationFn: (status) => api.patch(paths.user(userId), { status }),
    ...options,
    refresh: [userWritten(userId)],
  });
}

export function useRemoveMember(userId: string, options: WriteOptions<void, unknown>) {
  return useApiMutation<void>({
    mutationFn: () => api.delete(paths.user(userId)),
    ...options,
    refresh: [userWritten(userId)],
  });
}

export function useAssignRole(
  userId: string,
  options: WriteOptions<z.input<typeof assignRoleRequest>, RoleAssignedResult>,
) {
  return useApiMutation<z.input<typeof assignRoleRequest>, RoleAssignedResult>({
    mutationFn: (body) => api.post<RoleAssignedResult>(paths.userRoles(userId), body),
    ...options,
    refresh: [userWritten(userId)],
  });
}

export function useRemoveUserRole<T extends { id: string }>(userId: string, options: WriteOptions<T, unknown>) {
  return useApiMutation<T>({
    mutationFn: (role) => api.delete(paths.userRole(userId, role.id)),
    ...options,
    refresh: [userWritten(userId)],
  });
}

export function useSetOverrides<T>(
  userId: string,
  toBody: (vars: T) => OverridesBody,
  options: WriteOptions<T, OverridesResult>,
) {
  return useApiMutation<T, OverridesResult>({
    mutationFn: (vars) => api.put<OverridesResult>(paths.userPermissions(userId), toBody(vars)),
    ...options,
    refresh: [userWritten(userId)],
  });
}

export function useRemoveOverride<T>(
  userId: string,
  permissionIdOf: (vars: T) => string,
  options: WriteOptions<T, unknown>,
) {
  return useApiMutation<T>({
    mutationFn: (vars) => api.delete(paths.userOverride(userId, permissionIdOf(vars))),
    ...options,
    refresh: [userWritten(userId)],
  });
}
