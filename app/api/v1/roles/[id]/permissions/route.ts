import { route } from "@/lib/api/route";
import { requestMeta } from "@/lib/services/audit";
import { addRolePermissions, removeRolePermissions, replaceRolePermissions } from "@/lib/services/role-writes";
import { getTenantRolePermissions } from "@/lib/services/roles";
import { changeGrantsRequest, replaceGrantsRequest, roleParams } from "@/lib/validation/roles";

const write = { scope: "write", permission: "gatehouse.roles.manage", params: roleParams } as const;

export const GET = route(
  { scope: "read", permission: "gatehouse.roles.view", params: roleParams },
  ({ db, principal, params }) => getTenantRolePermissions(db, principal, params.id),
);

export const PUT = route({ ...write, body: replaceGrantsRequest }, ({ db, principal, params, body, request }) =>
  replaceRolePermissions(db, principal, params.id, body, requestMeta(request)),
);

export const POST = route({ ...write, body: changeGrantsRequest }, ({ db, principal, params, body, request }) =>
  addRolePermissions(db, principal, params.id, body, requestMeta(request)),
);

export const DELETE = route({ ...write, body: changeGrantsRequest }, ({ db, principal, params, body, request }) =>
  removeRolePermissions(db, principal, params.id, body, requestMeta(request)),
);
