import { route } from "@/lib/api/route";
import { rejectRequest } from "@/lib/services/approvals";
import { requestMeta } from "@/lib/services/audit";
import { approvalParams, decideApprovalRequest } from "@/lib/validation/approvals";

// Four eyes need a person on each side: API keys may not decide. A rejection changes no decision:
// it answers with the tenant's current perm_version.
export const POST = route(
  {
    scope: "write",
    permission: "gatehouse.approvals.manage",
    keys: false,
    answersPermVersion: true,
    params: approvalParams,
    body: decideApprovalRequest,
  },
  ({ db, principal, params, body, request }) =>
    rejectRequest(db, principal, params.id, body.reason, requestMeta(request)),
);
