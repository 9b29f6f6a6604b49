import { route } from "@/lib/api/route";
import { assignRole } from "@/lib/services/user-writes";
import { getUser } from "@/lib/services/users";
import { created, ok, RoleAssigned, UserRoles } from "@/lib/validation/responses";
import { assignRoleRequest, userParams } from "@/lib/validation/users";

export const GET = route(
  { responses: [ok(UserRoles)], scope: "read", permission: "gatehouse.users.view", params: userParams },
  async ({ ctx, params }) => ({ data: (await getUser(ctx, params.id)).roles, next_cursor: null }),
);

export const POST = route(
  {
    responses: [created(RoleAssigned, "Assigned (or its expiry changed)")],
    scope: "write",
    permission: "gatehouse.users.manage",
    params: userParams,
    body: assignRoleRequest,
  },
  ({ ctx, params, body }) => assignRole(ctx, params.id, body),
);
