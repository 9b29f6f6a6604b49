import { route } from "@/lib/api/route";
import { checkStatistics } from "@/lib/services/check-stats";
import { checkStatsQuery } from "@/lib/validation/stats";

export const GET = route(
  { scope: "read", permission: "gatehouse.stats.view", query: checkStatsQuery },
  ({ db, principal, query }) => checkStatistics(db, principal, query),
);
