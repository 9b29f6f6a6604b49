import { route } from "@/lib/api/route";
import { publicOrigin } from "@/lib/http/request-meta";
import { createInvitation, listInvitations } from "@/lib/services/invitation-links";
import { createInvitationRequest, invitationListQuery } from "@/lib/validation/invitations";
import { created, InvitationCreated, InvitationPage, ok } from "@/lib/validation/responses";

export const GET = route(
  { responses: [ok(InvitationPage)], scope: "read", permission: "gatehouse.users.view", query: invitationListQuery },
  ({ ctx, query }) => listInvitations(ctx, query),
);

export const POST = route(
  {
    responses: [created(InvitationCreated, "Invited; the link's token is in this answer only")],
    scope: "write",
    permission: "gatehouse.users.manage",
    body: createInvitationRequest,
  },
  // The link points at the site the request came to.
  ({ ctx, body, request }) => createInvitation(ctx, body, publicOrigin(request)),
);
