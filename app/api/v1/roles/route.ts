import { route } from "@/lib/api/route";
import { createRole } from "@/lib/services/role-writes";
import { listTenantRoles } from "@/lib/services/roles";
import { accepted, created, ok, RolePage, RoleWritten, RoleWrittenPending } from "@/lib/validation/responses";
import { createRoleRequest, roleListQuery } from "@/lib/validation/roles";

export const GET = route(
  { responses: [ok(RolePage)], scope: "read", permission: "gatehouse.roles.view", query: roleListQuery },
  ({ ctx, query }) => listTenantRoles(ctx, query),
);

export const POST = route(
  {
    responses: [created(RoleWritten), accepted(RoleWrittenPending)],
    scope: "write",
    permission: "gatehouse.roles.manage",
    body: createRoleRequest,
  },
  ({ ctx, body }) => createRole(ctx, body),
);
