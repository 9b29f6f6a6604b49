import { route } from "@/lib/api/route";
import { endMyOtherSessions, listMySessions } from "@/lib/services/sessions";
import { ok, SessionList, SessionsEnded } from "@/lib/validation/responses";

/** The caller's live sessions; for signed-in users only (an API key is refused, 403). */
export const GET = route({ responses: [ok(SessionList)], scope: "read", permission: null, keys: false }, ({ ctx }) =>
  listMySessions(ctx),
);

/** "Sign out everywhere else": ends every live session of the caller but this one, on every instance. */
export const DELETE = route(
  { responses: [ok(SessionsEnded, "Ended")], scope: "write", permission: null, keys: false },
  ({ ctx }) => endMyOtherSessions(ctx),
);
