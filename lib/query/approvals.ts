/** Approval requests: the list (by status, paged) and approve / reject. */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { decideApprovalRequest } from "@/lib/validation/approvals";
import type { ApprovalApproved, ApprovalPage, ApprovalRejected } from "@/lib/validation/responses";
import { api } from "./api";
import { apiQuery, type ReadOptions, useApiMutation, type WriteOptions } from "./hooks";
import { queryKeys } from "./keys";
import { paths } from "./paths";

export type ApprovalList = z.infer<typeof ApprovalPage>;
export type Approval = ApprovalList["data"][number];
export type ApprovalDecision = "approve" | "reject";
export type DecisionResult = z.infer<typeof ApprovalApproved> | z.infer<typeof ApprovalRejected>;

/** What the matrix and the role page show: every pending request at once. */
export const PENDING_PARAMS = { status: "pending", limit: 200 } as const;

export interface ApprovalListParams {
  status?: "pending" | "approved" | "rejected";
  limit: number;
  cursor?: string;
}

export const approvalQueries = {
  list: (params: ApprovalListParams) =>
    apiQuery<ApprovalList>(queryKeys.approvals.list({ ...params }), paths.approvals, { ...params }),
};

export const useApprovals = (params: ApprovalListParams, options: ReadOptions = {}) =>
  useQuery({ ...approvalQueries.list(params), ...options });

/** Drops every cached list: a request was decided (or vanished) meanwhile. */
export function useRefreshApprovals() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: queryKeys.approvals.all });
}

type Decide = { id: string } & z.input<typeof decideApprovalRequest>;

export function useDecideApproval(decision: ApprovalDecision, options: WriteOptions<Decide, DecisionResult>) {
  return useApiMutation<Decide, DecisionResult>({
    mutationFn: ({ id, reason }) => api.post(paths.approvalDecision(id, decision), reason ? { reason } : {}),
    // Approving grants: roles, users, the matrix and the log all change.
    invalidate:
      decision === "approve"
        ? [queryKeys.approvals.all, queryKeys.audit.all, queryKeys.roles.all, queryKeys.matrix.all, queryKeys.users.all]
        : [queryKeys.approvals.all, queryKeys.audit.all],
    ...options,
  });
}
