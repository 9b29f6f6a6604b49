import { route } from "@/lib/api/route";
import { acceptInvitation } from "@/lib/services/invitations";
import { acceptInvitationRequest } from "@/lib/validation/invitations";
import { InvitationAccepted, ok } from "@/lib/validation/responses";

export const POST = route(
  {
    responses: [ok(InvitationAccepted, "Joined the tenant")],
    scope: "write",
    permission: null,
    keys: false,
    body: acceptInvitationRequest,
  },
  ({ ctx, body }) => acceptInvitation(ctx, body.invitation_id),
);
