/**
 * Roles: their reads (list, one role, its holders) and writes (create and fill, settings,
 * delete, copy grants). Types come from the response schemas; bodies from the request schemas.
 */
import { type QueryClient, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  GrantChange,
  GrantChangePending,
  RoleDetail as RoleDetailSchema,
  RoleHolderPage,
  RolePage,
  RoleWritten,
} from "@/lib/validation/responses";
import type {
  copyRoleRequest,
  createRoleRequest,
  replaceGrantsRequest,
  updateRoleRequest,
} from "@/lib/validation/roles";
import { type ApiProblem, api, apiRequest } from "./api";
import { apiQuery, type ReadOptions, useApiMutation, type WriteOptions } from "./hooks";
import { queryKeys, roleWriteKeys } from "./keys";
import { paths } from "./paths";
import { applyTemplate, type TemplateApplyResult } from "./templates";

export { roleWriteKeys };

export type RoleList = z.infer<typeof RolePage>;
export type RoleListItem = RoleList["data"][number];
export type RoleDetail = z.infer<typeof RoleDetailSchema>;
export type RoleGrant = RoleDetail["permissions"][number];
export type RoleUsers = z.infer<typeof RoleHolderPage>;
export type RoleWriteResult = z.infer<typeof RoleWritten>;
/** A grant write's answer: 200, or 202 with the approval requests it opened instead. */
export type GrantWriteResult = z.infer<typeof GrantChange> | z.infer<typeof GrantChangePending>;
export type CreateRoleBody = z.input<typeof createRoleRequest>;
export type UpdateRoleBody = z.input<typeof updateRoleRequest>;

/** The one list the console pages read roles from (seeded by the server under the same key). */
export const ROLES_PARAMS = { limit: 200 } as const;

export const roleQueries = {
  list: (params: { limit: number; search?: string } = ROLES_PARAMS) =>
    apiQuery<RoleList>(queryKeys.roles.list(params), paths.roles, params),
  detail: (id: string) => apiQuery<RoleDetail>(queryKeys.roles.detail(id), paths.role(id)),
  users: (id: string) => apiQuery<RoleUsers>(queryKeys.roles.users(id), paths.roleUsers(id)),
};

export const useRoles = (params?: { limit: number; search?: string }, options: ReadOptions = {}) =>
  useQuery({ ...roleQueries.list(params), ...options });
export const useRole = (id: string, options: ReadOptions = {}) => useQuery({ ...roleQueries.detail(id), ...options });
/** Refetches one role, whatever its age (the role editor's reload after a 409). */
export const reloadRole = (qc: QueryClient, id: string) => qc.fetchQuery({ ...roleQueries.detail(id), staleTime: 0 });
export const useRoleUsers = (id: string, options: ReadOptions = {}) =>
  useQuery({ ...roleQueries.users(id), ...options });

/** Another tenant's roles, read with its X-Tenant-Id (right after a super-admin created it). */
export function useTenantRoles(tenantId: string) {
  const params = { limit: 100 };
  return useQuery({
    queryKey: queryKeys.roles.ofTenant(tenantId, params),
    queryFn: async () =>
      (await apiRequest<RoleList>("GET", paths.roles, { query: params, headers: { "x-tenant-id": tenantId } })).data,
  });
}

/** "3 grants await approval" for a write that answered 202, else null. */
export function approvalsNote(result: GrantWriteResult | TemplateApplyResult | null | undefined): string | null {
  const n = result && "approval_ids" in result ? result.approval_ids.length : 0;
  return n ? `${n} grant${n === 1 ? " awaits" : "s await"} approval` : null;
}

export const copyGrants = (roleId: string, body: z.input<typeof copyRoleRequest>) =>
  api.post<GrantWriteResult>(paths.roleCopy(roleId), body);

/** Where a new role's grants come from: nothing, a template, or another role. */
export type RoleFill = { templateId: string } | { fromRoleId: string } | null;
export interface RoleCreated {
  id: string;
  name: string;
  approvals: number;
  /** The fill was refused: the role exists without those grants. */
  followUpError: ApiProblem | null;
}

/**
 * Creates a role, then fills it from a template (the apply route) or another role (the copy
 * route) — each the audited operation the API offers for it. A refused fill leaves the role.
 */
export function useCreateRole(options: WriteOptions<{ body: CreateRoleBody; fill: RoleFill }, RoleCreated>) {
  return useApiMutation<{ body: CreateRoleBody; fill: RoleFill }, RoleCreated>({
    mutationFn: async ({ body, fill }) => {
      const role = await api.post<RoleWriteResult>(paths.roles, body);
      let followUp: GrantWriteResult | TemplateApplyResult | null = null;
      let followUpError: ApiProblem | null = null;
      try {
        if (fill && "templateId" in fill)
          followUp = await applyTemplate(fill.templateId, { role_id: role.id, version: role.version });
        if (fill && "fromRoleId" in fill)
          followUp = await copyGrants(role.id, { version: role.version, from_role_id: fill.fromRoleId });
      } catch (error) {
        followUpError = error as ApiProblem;
      }
      const approvals = followUp && "approval_ids" in followUp ? followUp.approval_ids.length : 0;
      return { id: role.id, name: role.name, approvals, followUpError };
    },
    invalidate: [queryKeys.roles.all, queryKeys.matrix.all, queryKeys.approvals.all],
    ...options,
  });
}

export function useUpdateRole(roleId: string, options: WriteOptions<UpdateRoleBody, RoleWriteResult>) {
  return useApiMutation<UpdateRoleBody, RoleWriteResult>({
    mutationFn: (body) => api.patch<RoleWriteResult>(paths.role(roleId), body),
    invalidate: roleWriteKeys(roleId),
    ...options,
  });
}

export function useDeleteRole(roleId: string, options: WriteOptions<{ force: boolean }, unknown>) {
  return useApiMutation<{ force: boolean }>({
    mutationFn: ({ force }) => api.delete(paths.role(roleId), force ? { force: "true" } : undefined),
    invalidate: [queryKeys.roles.all, queryKeys.matrix.all, queryKeys.users.all],
    ...options,
  });
}

/** Replaces the role's grants with another role's (POST copy), at the version the editor read. */
export function useCopyGrants(role: { id: string; version: number }, options: WriteOptions<string, GrantWriteResult>) {
  return useApiMutation<string, GrantWriteResult>({
    mutationFn: (fromRoleId) => copyGrants(role.id, { version: role.version, from_role_id: fromRoleId }),
    invalidate: roleWriteKeys(role.id),
    ...options,
  });
}

export type ReplaceGrantsBody = z.input<typeof replaceGrantsRequest>;

/** PUT: the role's whole set of grants (code, scope, conditions) at the version the editor read. */
export const replaceGrants = (roleId: string, body: ReplaceGrantsBody) =>
  apiRequest<GrantWriteResult>("PUT", paths.rolePermissions(roleId), { body });

/** The Members tab: assigns the role to a member (POST /users/{id}/roles), with an optional expiry. */
export function useAddRoleMember(
  roleId: string,
  options: WriteOptions<{ userId: string; expiresAt: string | null }, unknown>,
) {
  return useApiMutation<{ userId: string; expiresAt: string | null }>({
    mutationFn: ({ userId, expiresAt }) =>
      api.post(paths.userRoles(userId), { role_id: roleId, expires_at: expiresAt }),
    invalidate: [queryKeys.roles.users(roleId), queryKeys.roles.all, queryKeys.users.all],
    ...options,
  });
}

/** The Members tab: takes the role from a member (DELETE /users/{id}/roles/{role_id}). */
export function useRemoveRoleMember(roleId: string, options: WriteOptions<{ userId: string; name: string }, unknown>) {
  return useApiMutation<{ userId: string; name: string }>({
    mutationFn: ({ userId }) => api.delete(paths.userRole(userId, roleId)),
    invalidate: [queryKeys.roles.users(roleId), queryKeys.roles.all, queryKeys.users.all],
    ...options,
  });
}
