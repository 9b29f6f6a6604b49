import { route } from "@/lib/api/route";
import { replaceTeamMembers } from "@/lib/services/organisation";
import { teamMembersRequest, teamParams } from "@/lib/validation/organisation";
import { ok, TeamWritten } from "@/lib/validation/responses";

export const PUT = route(
  {
    responses: [ok(TeamWritten, "The team with exactly these members")],
    scope: "write",
    permission: "gatehouse.users.manage",
    params: teamParams,
    body: teamMembersRequest,
  },
  ({ ctx, params, body }) => replaceTeamMembers(ctx, params.id, body.user_ids),
);
