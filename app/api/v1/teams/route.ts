import { route } from "@/lib/api/route";
import { createTeam, listTenantTeams } from "@/lib/services/organisation";
import { teamListQuery, teamRequest } from "@/lib/validation/organisation";
import { created, ok, TeamPage, TeamWritten } from "@/lib/validation/responses";

export const GET = route(
  { responses: [ok(TeamPage)], scope: "read", permission: "gatehouse.users.view", query: teamListQuery },
  ({ ctx, query }) => listTenantTeams(ctx, query),
);

export const POST = route(
  { responses: [created(TeamWritten)], scope: "write", permission: "gatehouse.users.manage", body: teamRequest },
  ({ ctx, body }) => createTeam(ctx, body),
);
