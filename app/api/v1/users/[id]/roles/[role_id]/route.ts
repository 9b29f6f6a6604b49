import { route } from "@/lib/api/route";
import { requestMeta } from "@/lib/services/audit";
import { removeRole } from "@/lib/services/user-writes";
import { userRoleParams } from "@/lib/validation/users";

export const DELETE = route(
  { scope: "write", permission: "gatehouse.users.manage", params: userRoleParams },
  ({ db, principal, params, request }) => removeRole(db, principal, params.id, params.role_id, requestMeta(request)),
);
