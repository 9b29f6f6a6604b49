import { route } from "@/lib/api/route";
import { approveRequest } from "@/lib/services/approvals";
import { requestMeta } from "@/lib/services/audit";
import { approvalParams, decideApprovalRequest } from "@/lib/validation/approvals";

// Four eyes need a person on each side: API keys may not decide.
export const POST = route(
  {
    scope: "write",
    permission: "gatehouse.approvals.manage",
    keys: false,
    params: approvalParams,
    body: decideApprovalRequest,
  },
  ({ db, principal, params, body, request }) =>
    approveRequest(db, principal, params.id, body.reason, requestMeta(request)),
);
