import { route } from "@/lib/api/route";
import { revokeInvitation } from "@/lib/services/invitation-links";
import { invitationParams } from "@/lib/validation/invitations";
import { noContent } from "@/lib/validation/responses";

export const DELETE = route(
  {
    responses: [noContent("Revoked: its link answers 410 from now on")],
    scope: "write",
    permission: "gatehouse.users.manage",
    params: invitationParams,
  },
  ({ ctx, params }) => revokeInvitation(ctx, params.id),
);
