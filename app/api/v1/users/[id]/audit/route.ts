import { route } from "@/lib/api/route";
import { getUserAudit } from "@/lib/services/users";
import { ok, UserAuditPage } from "@/lib/validation/responses";
import { userAuditQuery, userParams } from "@/lib/validation/users";

export const GET = route(
  {
    responses: [ok(UserAuditPage)],
    scope: "read",
    permission: "gatehouse.users.view",
    params: userParams,
    query: userAuditQuery,
  },
  ({ ctx, params, query }) => getUserAudit(ctx, params.id, query),
);
