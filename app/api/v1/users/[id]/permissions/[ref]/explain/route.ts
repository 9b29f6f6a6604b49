import { route } from "@/lib/api/route";
import { explainUserPermission } from "@/lib/services/users";
import { Explanation, ok } from "@/lib/validation/responses";
import { userExplainParams, userExplainQuery } from "@/lib/validation/users";

/** GET /users/{id}/permissions/{code}/explain: the decision and every step that led to it. */
export const GET = route(
  {
    responses: [ok(Explanation)],
    scope: "read",
    permission: "gatehouse.users.view",
    params: userExplainParams,
    query: userExplainQuery,
  },
  ({ ctx, params, query }) => explainUserPermission(ctx, params.id, params.ref, query.context),
);
