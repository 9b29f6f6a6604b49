import { route } from "@/lib/api/route";
import { removeOverride } from "@/lib/services/user-writes";
import { noContent } from "@/lib/validation/responses";
import { userOverrideParams } from "@/lib/validation/users";

/** DELETE /users/{id}/permissions/{permission_id}: removes one override. */
export const DELETE = route(
  {
    responses: [noContent("Override removed")],
    scope: "write",
    permission: "gatehouse.users.manage",
    params: userOverrideParams,
  },
  ({ ctx, params }) => removeOverride(ctx, params.id, params.ref),
);
