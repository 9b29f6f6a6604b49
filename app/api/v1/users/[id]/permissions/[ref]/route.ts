import { route } from "@/lib/api/route";
import { requestMeta } from "@/lib/services/audit";
import { removeOverride } from "@/lib/services/user-writes";
import { userOverrideParams } from "@/lib/validation/users";

/** DELETE /users/{id}/permissions/{permission_id}: removes one override. */
export const DELETE = route(
  { scope: "write", permission: "gatehouse.users.manage", params: userOverrideParams },
  ({ db, principal, params, request }) => removeOverride(db, principal, params.id, params.ref, requestMeta(request)),
);
