import { route } from "@/lib/api/route";
import { deleteRole, updateRole } from "@/lib/services/role-writes";
import { getTenantRole } from "@/lib/services/roles";
import { noContent, ok, RoleDetail, RoleWritten } from "@/lib/validation/responses";
import { roleDeleteQuery, roleParams, updateRoleRequest } from "@/lib/validation/roles";

export const GET = route(
  { responses: [ok(RoleDetail)], scope: "read", permission: "gatehouse.roles.view", params: roleParams },
  ({ ctx, params }) => getTenantRole(ctx, params.id),
);

export const PATCH = route(
  {
    responses: [ok(RoleWritten, "Updated")],
    scope: "write",
    permission: "gatehouse.roles.manage",
    params: roleParams,
    body: updateRoleRequest,
  },
  ({ ctx, params, body }) => updateRole(ctx, params.id, body),
);

export const DELETE = route(
  {
    responses: [noContent("Deleted")],
    scope: "write",
    permission: "gatehouse.roles.manage",
    params: roleParams,
    query: roleDeleteQuery,
  },
  ({ ctx, params, query }) => deleteRole(ctx, params.id, query.force),
);
