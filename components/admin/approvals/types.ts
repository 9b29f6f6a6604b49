import type { ApprovalListParams } from "@/lib/query/approvals";
import { APPROVAL_STATUSES } from "@/lib/validation/approvals";

export type StatusFilter = (typeof APPROVAL_STATUSES)[number] | "all";
export const STATUS_FILTERS: StatusFilter[] = [...APPROVAL_STATUSES, "all"];
export const PAGE_SIZE = 50;

export function approvalParams(status: StatusFilter, cursor?: string): ApprovalListParams {
  return { ...(status === "all" ? {} : { status }), limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) };
}

export const parseStatus = (value: string | string[] | undefined): StatusFilter =>
  STATUS_FILTERS.includes(value as StatusFilter) ? (value as StatusFilter) : "pending";
