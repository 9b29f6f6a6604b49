/** The caller's sessions (list, end one, end the others) and an admin ending a member's. */
import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { SessionList, SessionsEnded } from "@/lib/validation/responses";
import { api } from "./api";
import { apiQuery, useApiMutation, type WriteOptions } from "./hooks";
import { isUnder, queryKeys } from "./keys";
import { paths } from "./paths";

export type Session = z.infer<typeof SessionList>["sessions"][number];
export type Ended = z.infer<typeof SessionsEnded>;

export const sessionQueries = {
  mine: () => apiQuery<z.infer<typeof SessionList>>(queryKeys.me.sessions, paths.mySessions),
};

export const useMySessions = () => useQuery(sessionQueries.mine());

export function useEndSession(options: WriteOptions<Session, unknown> = {}) {
  return useApiMutation<Session>({
    mutationFn: (session) => api.delete(paths.mySession(session.id)),
    invalidate: [queryKeys.me.sessions],
    ...options,
  });
}

export function useEndOtherSessions(options: WriteOptions<void, Ended> = {}) {
  return useApiMutation<void, Ended>({
    mutationFn: () => api.delete<Ended>(paths.mySessions),
    invalidate: [queryKeys.me.sessions],
    ...options,
  });
}

export function useEndUserSessions(options: WriteOptions<string, Ended> = {}) {
  return useApiMutation<string, Ended>({
    mutationFn: (userId) => api.delete<Ended>(paths.userSessions(userId)),
    invalidate: (_data, userId) => [queryKeys.audit.all, (key) => isUnder(key, paths.user(userId))],
    ...options,
  });
}
