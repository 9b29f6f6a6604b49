import { route } from "@/lib/api/route";
import { getTenantRoleUsers } from "@/lib/services/roles";
import { ok, RoleHolderPage } from "@/lib/validation/responses";
import { roleParams } from "@/lib/validation/roles";

export const GET = route(
  { responses: [ok(RoleHolderPage)], scope: "read", permission: "gatehouse.roles.view", params: roleParams },
  ({ ctx, params }) => getTenantRoleUsers(ctx, params.id),
);
