import { route } from "@/lib/api/route";
import { requestMeta } from "@/lib/services/audit";
import { copyRole } from "@/lib/services/role-writes";
import { copyRoleRequest, roleParams } from "@/lib/validation/roles";

export const POST = route(
  { scope: "write", permission: "gatehouse.roles.manage", params: roleParams, body: copyRoleRequest },
  ({ db, principal, params, body, request }) => copyRole(db, principal, params.id, body, requestMeta(request)),
);
