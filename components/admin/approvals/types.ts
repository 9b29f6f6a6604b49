import type { listApprovals } from "@/lib/services/approvals";
import { APPROVAL_STATUSES } from "@/lib/validation/approvals";

/** The list as `GET /api/v1/approvals` answers it (the service's own return type). */
export type ApprovalList = Awaited<ReturnType<typeof listApprovals>>;
export type Approval = ApprovalList["data"][number];

export type StatusFilter = (typeof APPROVAL_STATUSES)[number] | "all";
export const STATUS_FILTERS: StatusFilter[] = [...APPROVAL_STATUSES, "all"];
export const PAGE_SIZE = 50;

export function approvalParams(status: StatusFilter, cursor?: string) {
  return { ...(status === "all" ? {} : { status }), limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) };
}

export const parseStatus = (value: string | string[] | undefined): StatusFilter =>
  STATUS_FILTERS.includes(value as StatusFilter) ? (value as StatusFilter) : "pending";
