import { route } from "@/lib/api/route";
import { setOverrides } from "@/lib/services/user-writes";
import { getUserPermissions } from "@/lib/services/users";
import { accepted, OverridesSet, OverridesSetPending, ok, UserPermissions } from "@/lib/validation/responses";
import { overridesRequest, userParams, userPermissionsQuery } from "@/lib/validation/users";

export const GET = route(
  {
    responses: [ok(UserPermissions)],
    scope: "read",
    permission: "gatehouse.users.view",
    params: userParams,
    query: userPermissionsQuery,
  },
  ({ ctx, params, query }) => getUserPermissions(ctx, params.id, query),
);

export const PUT = route(
  {
    responses: [ok(OverridesSet, "Written"), accepted(OverridesSetPending)],
    scope: "write",
    permission: "gatehouse.users.manage",
    params: userParams,
    body: overridesRequest,
  },
  ({ ctx, params, body }) => setOverrides(ctx, params.id, body),
);
