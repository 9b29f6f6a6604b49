import { route } from "@/lib/api/route";
import { listDecisionLog } from "@/lib/services/decisions";
import { decisionsQuery } from "@/lib/validation/decisions";
import { DecisionPage, ok } from "@/lib/validation/responses";

// Who was decided what, and why (docs/design.md §5.4): readers of the audit log read it.
export const GET = route(
  { responses: [ok(DecisionPage)], scope: "read", permission: "gatehouse.audit.view", query: decisionsQuery },
  ({ ctx, query }) => listDecisionLog(ctx, query),
);
