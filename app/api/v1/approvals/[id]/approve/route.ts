import { route } from "@/lib/api/route";
import { approveRequest } from "@/lib/services/approvals";
import { approvalParams, decideApprovalRequest } from "@/lib/validation/approvals";
import { ApprovalApproved, ok } from "@/lib/validation/responses";

// Four eyes need a person on each side: API keys may not decide.
export const POST = route(
  {
    responses: [ok(ApprovalApproved, "Approved")],
    scope: "write",
    permission: "gatehouse.approvals.manage",
    keys: false,
    params: approvalParams,
    body: decideApprovalRequest,
  },
  ({ ctx, params, body }) => approveRequest(ctx, params.id, body.reason),
);
