/** Departments and teams: the lists, and create, rename, delete, a team's members, a member's department. */
import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  DepartmentPage,
  DepartmentWritten,
  MembershipUpdated,
  TeamPage,
  TeamWritten,
} from "@/lib/validation/responses";
import { api } from "./api";
import { apiQuery, type ReadOptions, useApiMutation, type WriteOptions } from "./hooks";
import { apiKey, queryKeys } from "./keys";
import { paths } from "./paths";

export type DepartmentList = z.infer<typeof DepartmentPage>;
export type DepartmentItem = DepartmentList["data"][number];
export type TeamList = z.infer<typeof TeamPage>;
export type TeamItem = TeamList["data"][number];

/** A tenant has a handful of each: one page of 200 holds them. */
export const ORGANISATION_PARAMS = { limit: 200 } as const;

export const organisationQueries = {
  departments: () =>
    apiQuery<DepartmentList>(apiKey(paths.departments, ORGANISATION_PARAMS), paths.departments, ORGANISATION_PARAMS),
  teams: () => apiQuery<TeamList>(apiKey(paths.teams, ORGANISATION_PARAMS), paths.teams, ORGANISATION_PARAMS),
};

export const useDepartments = (options: ReadOptions = {}) =>
  useQuery({ ...organisationQueries.departments(), ...options });
export const useTeams = (options: ReadOptions = {}) => useQuery({ ...organisationQueries.teams(), ...options });

/** Any change of the organisation refreshes both lists and the users (their department and teams). */
const ORGANISATION_READERS = [queryKeys.organisation.departments, queryKeys.organisation.teams, queryKeys.users.all];

export type SaveDepartment = { id: string | null; name: string };
export function useSaveDepartment(options: WriteOptions<SaveDepartment, z.infer<typeof DepartmentWritten>>) {
  return useApiMutation<SaveDepartment, z.infer<typeof DepartmentWritten>>({
    mutationFn: ({ id, name }) =>
      id === null ? api.post(paths.departments, { name }) : api.patch(paths.department(id), { name }),
    invalidate: ORGANISATION_READERS,
    ...options,
  });
}

export type SaveTeam = { id: string | null; name: string; department_id: string | null };
export function useSaveTeam(options: WriteOptions<SaveTeam, z.infer<typeof TeamWritten>>) {
  return useApiMutation<SaveTeam, z.infer<typeof TeamWritten>>({
    mutationFn: ({ id, ...body }) => (id === null ? api.post(paths.teams, body) : api.patch(paths.team(id), body)),
    invalidate: ORGANISATION_READERS,
    ...options,
  });
}

export function useTeamMembers(options: WriteOptions<{ id: string; user_ids: string[] }, z.infer<typeof TeamWritten>>) {
  return useApiMutation<{ id: string; user_ids: string[] }, z.infer<typeof TeamWritten>>({
    mutationFn: ({ id, user_ids }) => api.put(paths.teamMembers(id), { user_ids }),
    invalidate: ORGANISATION_READERS,
    ...options,
  });
}

export type Removal = { kind: "department" | "team"; id: string; name: string };
export function useDeleteOrganisationUnit(options: WriteOptions<Removal, unknown>) {
  return useApiMutation<Removal>({
    mutationFn: ({ kind, id }) => api.delete(kind === "department" ? paths.department(id) : paths.team(id)),
    invalidate: ORGANISATION_READERS,
    ...options,
  });
}

export function useMemberDepartment(
  options: WriteOptions<{ userId: string; department_id: string | null }, z.infer<typeof MembershipUpdated>>,
) {
  return useApiMutation<{ userId: string; department_id: string | null }, z.infer<typeof MembershipUpdated>>({
    mutationFn: ({ userId, department_id }) => api.patch(paths.user(userId), { department_id }),
    invalidate: (_, { userId }) => [...ORGANISATION_READERS, queryKeys.users.detail(userId)],
    ...options,
  });
}
