import { route } from "@/lib/api/route";
import { endMySession } from "@/lib/services/sessions";
import { noContent } from "@/lib/validation/responses";
import { sessionParams } from "@/lib/validation/sessions";

/** Ends one of the caller's sessions at once, on every instance; another user's id is as unknown (404). */
export const DELETE = route(
  {
    responses: [noContent("Ended; its cookie is refused from the next request on, on every instance")],
    scope: "write",
    permission: null,
    keys: false,
    params: sessionParams,
  },
  ({ ctx, params }) => endMySession(ctx, params.id),
);
