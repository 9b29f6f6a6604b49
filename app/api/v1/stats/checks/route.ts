import { route } from "@/lib/api/route";
import { checkStatistics } from "@/lib/services/check-stats";
import { CheckStatistics, ok } from "@/lib/validation/responses";
import { checkStatsQuery } from "@/lib/validation/stats";

export const GET = route(
  { responses: [ok(CheckStatistics)], scope: "read", permission: "gatehouse.stats.view", query: checkStatsQuery },
  ({ ctx, query }) => checkStatistics(ctx, query),
);
