import { z } from "zod";
import { uuid } from "./common";
import { page } from "./lists";

export const APPROVAL_STATUSES = ["pending", "approved", "rejected"] as const;

export const approvalParams = z.strictObject({ id: uuid });
/** No `status`: every request, newest first. */
export const approvalListQuery = z.strictObject({ status: z.enum(APPROVAL_STATUSES).optional(), ...page });
export const decideApprovalRequest = z.strictObject({ reason: z.string().trim().max(1000).optional() });

export type ApprovalListQuery = z.infer<typeof approvalListQuery>;
export type DecideApprovalRequest = z.infer<typeof decideApprovalRequest>;
