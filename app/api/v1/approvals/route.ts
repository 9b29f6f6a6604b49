import { route } from "@/lib/api/route";
import { listApprovals } from "@/lib/services/approvals";
import { approvalListQuery } from "@/lib/validation/approvals";

export const GET = route(
  { scope: "read", permission: "gatehouse.approvals.view", query: approvalListQuery },
  ({ db, principal, query }) => listApprovals(db, principal, query),
);
