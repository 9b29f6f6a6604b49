/** Policy as code in the console: the export's address, the dry run and the apply of an imported document. */
import type { z } from "zod";
import type { PolicyChanges, PolicyChangesPending } from "@/lib/validation/responses";
import { apiRequest, withQuery } from "./api";
import { useApiMutation, type WriteOptions } from "./hooks";
import { queryKeys } from "./keys";
import { paths } from "./paths";

export type PolicyPreview = z.infer<typeof PolicyChanges>;
export type PolicyChange = PolicyPreview["changes"][number];
/** 200, or 202 with the approval requests some grants became. */
export type PolicyApplied = PolicyPreview | z.infer<typeof PolicyChangesPending>;

/** The YAML download of the tenant's policy (a plain link: the browser saves the attachment). */
export const policyDownloadHref = (withAssignments: boolean) =>
  withQuery(paths.policy, { format: "yaml", include: withAssignments ? "assignments" : undefined });

/** What applying `doc` would change, and the perm_version that answer was read at; writes nothing. */
export const previewPolicy = async (doc: unknown) =>
  (await apiRequest<PolicyPreview>("PUT", paths.policy, { query: { dry_run: true }, body: doc })).data;

/** Applies `doc`, only if the tenant is still at the reviewed perm_version (else 412). */
export function useApplyPolicy(options: WriteOptions<{ doc: unknown; permVersion: number }, PolicyApplied>) {
  return useApiMutation<{ doc: unknown; permVersion: number }, PolicyApplied>({
    mutationFn: async ({ doc, permVersion }) =>
      (
        await apiRequest<PolicyApplied>("PUT", paths.policy, {
          body: doc,
          headers: { "if-match": String(permVersion) },
        })
      ).data,
    invalidate: [
      queryKeys.roles.all,
      queryKeys.matrix.all,
      queryKeys.templates.all,
      queryKeys.audit.all,
      queryKeys.approvals.all,
    ],
    ...options,
  });
}
