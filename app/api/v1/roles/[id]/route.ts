import { route } from "@/lib/api/route";
import { requestMeta } from "@/lib/services/audit";
import { deleteRole, updateRole } from "@/lib/services/role-writes";
import { getTenantRole } from "@/lib/services/roles";
import { roleDeleteQuery, roleParams, updateRoleRequest } from "@/lib/validation/roles";

export const GET = route(
  { scope: "read", permission: "gatehouse.roles.view", params: roleParams },
  ({ db, principal, params }) => getTenantRole(db, principal, params.id),
);

export const PATCH = route(
  { scope: "write", permission: "gatehouse.roles.manage", params: roleParams, body: updateRoleRequest },
  ({ db, principal, params, body, request }) => updateRole(db, principal, params.id, body, requestMeta(request)),
);

export const DELETE = route(
  { scope: "write", permission: "gatehouse.roles.manage", params: roleParams, query: roleDeleteQuery },
  ({ db, principal, params, query, request }) =>
    deleteRole(db, principal, params.id, query.force, requestMeta(request)),
);
