/**
 * Invitations by link: the tenant's open ones, inviting someone (the answer holds the one-time
 * link) and revoking one.
 */
import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { createInvitationRequest } from "@/lib/validation/invitations";
import type { InvitationCreated, InvitationPage } from "@/lib/validation/responses";
import { api } from "./api";
import { apiQuery, type ReadOptions, useApiMutation, type WriteOptions } from "./hooks";
import { queryKeys } from "./keys";
import { paths } from "./paths";

export type InvitationList = z.infer<typeof InvitationPage>;
export type InvitationItem = InvitationList["data"][number];
export type InvitationCreatedResult = z.infer<typeof InvitationCreated>;
export type InviteBody = z.input<typeof createInvitationRequest>;

export const INVITATIONS_PARAMS = { limit: 200 } as const;

export const invitationQueries = {
  list: () =>
    apiQuery<InvitationList>(queryKeys.invitations.list({ ...INVITATIONS_PARAMS }), paths.invitations, {
      ...INVITATIONS_PARAMS,
    }),
};

export const useInvitations = (options: ReadOptions = {}) => useQuery({ ...invitationQueries.list(), ...options });

export function useCreateInvitation(options: WriteOptions<InviteBody, InvitationCreatedResult>) {
  return useApiMutation<InviteBody, InvitationCreatedResult>({
    mutationFn: (body) => api.post<InvitationCreatedResult>(paths.invitations, body),
    ...options,
    invalidate: [queryKeys.invitations.all],
  });
}

export function useRevokeInvitation(options: WriteOptions<InvitationItem, unknown>) {
  return useApiMutation<InvitationItem, unknown>({
    mutationFn: (invitation) => api.delete(paths.invitation(invitation.id)),
    ...options,
    invalidate: [queryKeys.invitations.all],
  });
}
