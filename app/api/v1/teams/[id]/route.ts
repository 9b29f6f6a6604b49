import { route } from "@/lib/api/route";
import { deleteTeam, getTeam, updateTeam } from "@/lib/services/organisation";
import { teamParams, updateTeamRequest } from "@/lib/validation/organisation";
import { noContent, ok, Team, TeamWritten } from "@/lib/validation/responses";

export const GET = route(
  { responses: [ok(Team)], scope: "read", permission: "gatehouse.users.view", params: teamParams },
  ({ ctx, params }) => getTeam(ctx, params.id),
);

export const PATCH = route(
  {
    responses: [ok(TeamWritten, "Updated")],
    scope: "write",
    permission: "gatehouse.users.manage",
    params: teamParams,
    body: updateTeamRequest,
  },
  ({ ctx, params, body }) => updateTeam(ctx, params.id, body),
);

export const DELETE = route(
  {
    responses: [noContent("Deleted: its members are in it no more (the new perm_version is in X-Perm-Version)")],
    scope: "write",
    permission: "gatehouse.users.manage",
    params: teamParams,
  },
  ({ ctx, params }) => deleteTeam(ctx, params.id),
);
