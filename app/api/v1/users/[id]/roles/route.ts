import { route } from "@/lib/api/route";
import { requestMeta } from "@/lib/services/audit";
import { assignRole } from "@/lib/services/user-writes";
import { getUser } from "@/lib/services/users";
import { assignRoleRequest, userParams } from "@/lib/validation/users";

export const GET = route(
  { scope: "read", permission: "gatehouse.users.view", params: userParams },
  async ({ db, principal, params }) => ({ data: (await getUser(db, principal, params.id)).roles, next_cursor: null }),
);

export const POST = route(
  { scope: "write", permission: "gatehouse.users.manage", params: userParams, body: assignRoleRequest },
  ({ db, principal, params, body, request }) => assignRole(db, principal, params.id, body, requestMeta(request)),
);
