/** Check statistics: the counters of a period (UTC days), summed by the API over `[from, to]`. */
import { useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { CheckStatistics } from "@/lib/validation/responses";
import type { ApiProblem } from "./api";
import { apiQuery } from "./hooks";
import { queryKeys } from "./keys";
import { paths } from "./paths";

export type CheckStats = z.infer<typeof CheckStatistics>;
export interface StatsRange {
  from: string;
  to: string;
}

export const statsQueries = {
  checks: (range: StatsRange) =>
    apiQuery<CheckStats>(queryKeys.stats.checksFor({ ...range }), paths.checkStats, { ...range }),
};

export const useCheckStats = (range: StatsRange) => useQuery(statsQueries.checks(range));

/** One read per range (the chart's days), combined into one state. */
export function useCheckStatsSeries<T>(
  ranges: StatsRange[],
  combine: (results: { data?: CheckStats; isPending: boolean; isError: boolean; error: ApiProblem | null }[]) => T,
) {
  return useQueries({ queries: ranges.map((r) => statsQueries.checks(r)), combine });
}

export function useRefreshCheckStats() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: queryKeys.stats.checks });
}
