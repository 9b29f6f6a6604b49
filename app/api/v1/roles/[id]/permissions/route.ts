import { route } from "@/lib/api/route";
import { addRolePermissions, removeRolePermissions, replaceRolePermissions } from "@/lib/services/role-writes";
import { getTenantRolePermissions } from "@/lib/services/roles";
import { accepted, GrantChange, GrantChangePending, ok, RoleGrants } from "@/lib/validation/responses";
import { changeGrantsRequest, replaceGrantsRequest, roleParams } from "@/lib/validation/roles";

const write = { scope: "write", permission: "gatehouse.roles.manage", params: roleParams } as const;

export const GET = route(
  { responses: [ok(RoleGrants)], scope: "read", permission: "gatehouse.roles.view", params: roleParams },
  ({ ctx, params }) => getTenantRolePermissions(ctx, params.id),
);

export const PUT = route(
  { responses: [ok(GrantChange, "Replaced"), accepted(GrantChangePending)], ...write, body: replaceGrantsRequest },
  ({ ctx, params, body }) => replaceRolePermissions(ctx, params.id, body),
);

export const POST = route(
  { responses: [ok(GrantChange, "Added"), accepted(GrantChangePending)], ...write, body: changeGrantsRequest },
  ({ ctx, params, body }) => addRolePermissions(ctx, params.id, body),
);

export const DELETE = route(
  { responses: [ok(GrantChange, "Removed")], ...write, body: changeGrantsRequest },
  ({ ctx, params, body }) => removeRolePermissions(ctx, params.id, body),
);
