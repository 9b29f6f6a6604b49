import { route } from "@/lib/api/route";
import { requestMeta } from "@/lib/services/audit";
import { createRole } from "@/lib/services/role-writes";
import { listTenantRoles } from "@/lib/services/roles";
import { createRoleRequest, roleListQuery } from "@/lib/validation/roles";

export const GET = route(
  { scope: "read", permission: "gatehouse.roles.view", query: roleListQuery },
  ({ db, principal, query }) => listTenantRoles(db, principal, query),
);

export const POST = route(
  { scope: "write", permission: "gatehouse.roles.manage", body: createRoleRequest },
  ({ db, principal, body, request }) => createRole(db, principal, body, requestMeta(request)),
);
