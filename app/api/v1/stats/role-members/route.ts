import { route } from "@/lib/api/route";
import { roleMemberStatistics } from "@/lib/services/role-members";
import { ok, RoleMemberStatistics } from "@/lib/validation/responses";
import { roleMembersQuery } from "@/lib/validation/stats";

// Members per role per day (docs/design.md, usage analytics): the analytics page's chart.
export const GET = route(
  { responses: [ok(RoleMemberStatistics)], scope: "read", permission: "gatehouse.stats.view", query: roleMembersQuery },
  ({ ctx, query }) => roleMemberStatistics(ctx, query),
);
