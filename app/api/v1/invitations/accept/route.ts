import { route } from "@/lib/api/route";
import { ApiError } from "@/lib/errors";
import { acceptInvitationLink } from "@/lib/services/invitation-links";
import { acceptInvitation } from "@/lib/services/invitations";
import { acceptInvitationRequest } from "@/lib/validation/invitations";
import { created, InvitationAccepted, InvitationJoined, ok } from "@/lib/validation/responses";

export const POST = route(
  {
    responses: [
      ok(InvitationAccepted, "Joined the tenant (`invitation_id`, or a link accepted by its signed-in account)"),
      created(InvitationJoined, "A link made the account and its membership"),
    ],
    scope: "write",
    permission: null,
    keys: false,
    anonymous: true,
    body: acceptInvitationRequest,
  },
  ({ ctx, caller, body }) =>
    body.token !== undefined
      ? acceptInvitationLink({ db: ctx.db, meta: ctx.meta, principal: caller }, { ...body, token: body.token })
      : acceptInvitation({ ...ctx, principal: caller ?? unauthorized() }, body.invitation_id!),
);

function unauthorized(): never {
  throw new ApiError(401, "Unauthorized", "Sign in to accept an invitation addressed to your account.");
}
