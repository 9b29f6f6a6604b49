import { route } from "@/lib/api/route";
import { removeRole } from "@/lib/services/user-writes";
import { noContent } from "@/lib/validation/responses";
import { userRoleParams } from "@/lib/validation/users";

export const DELETE = route(
  {
    responses: [noContent("Unassigned")],
    scope: "write",
    permission: "gatehouse.users.manage",
    params: userRoleParams,
  },
  ({ ctx, params }) => removeRole(ctx, params.id, params.role_id),
);
