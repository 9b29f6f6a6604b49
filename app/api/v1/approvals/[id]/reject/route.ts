import { route } from "@/lib/api/route";
import { rejectRequest } from "@/lib/services/approvals";
import { approvalParams, decideApprovalRequest } from "@/lib/validation/approvals";
import { ApprovalRejected, ok } from "@/lib/validation/responses";

// Four eyes need a person on each side: API keys may not decide. A rejection changes no decision:
// it answers with the tenant's current perm_version.
export const POST = route(
  {
    responses: [ok(ApprovalRejected, "Rejected")],
    scope: "write",
    permission: "gatehouse.approvals.manage",
    keys: false,

    params: approvalParams,
    body: decideApprovalRequest,
  },
  ({ ctx, params, body }) => rejectRequest(ctx, params.id, body.reason),
);
