import { route } from "@/lib/api/route";
import { requestMeta } from "@/lib/services/audit";
import { setOverrides } from "@/lib/services/user-writes";
import { getUserPermissions } from "@/lib/services/users";
import { overridesRequest, userParams, userPermissionsQuery } from "@/lib/validation/users";

export const GET = route(
  { scope: "read", permission: "gatehouse.users.view", params: userParams, query: userPermissionsQuery },
  ({ db, principal, params, query }) => getUserPermissions(db, principal, params.id, query),
);

export const PUT = route(
  { scope: "write", permission: "gatehouse.users.manage", params: userParams, body: overridesRequest },
  ({ db, principal, params, body, request }) => setOverrides(db, principal, params.id, body, requestMeta(request)),
);
