import { route } from "@/lib/api/route";
import { usageStatistics } from "@/lib/services/decisions";
import { usageQuery } from "@/lib/validation/decisions";
import { ok, UsageStatistics } from "@/lib/validation/responses";

export const GET = route(
  { responses: [ok(UsageStatistics)], scope: "read", permission: "gatehouse.stats.view", query: usageQuery },
  ({ ctx, query }) => usageStatistics(ctx, query),
);
