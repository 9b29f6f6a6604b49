import { route } from "@/lib/api/route";
import { endUserSessions } from "@/lib/services/sessions";
import { ok, SessionsEnded } from "@/lib/validation/responses";
import { userParams } from "@/lib/validation/users";

/** An admin's "sign out everywhere" for a member of this tenant (audited); anyone else is 404. */
export const DELETE = route(
  {
    responses: [ok(SessionsEnded, "Ended")],
    scope: "write",
    permission: "gatehouse.users.manage",
    params: userParams,
  },
  ({ ctx, params }) => endUserSessions(ctx, params.id),
);
