import { route } from "@/lib/api/route";
import { copyRole } from "@/lib/services/role-writes";
import { accepted, GrantChange, GrantChangePending, ok } from "@/lib/validation/responses";
import { copyRoleRequest, roleParams } from "@/lib/validation/roles";

export const POST = route(
  {
    responses: [ok(GrantChange, "Copied"), accepted(GrantChangePending)],
    scope: "write",
    permission: "gatehouse.roles.manage",
    params: roleParams,
    body: copyRoleRequest,
  },
  ({ ctx, params, body }) => copyRole(ctx, params.id, body),
);
