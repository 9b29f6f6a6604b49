/** Check statistics: the counters of a period (UTC days), summed by the API over `[from, to]`. */
import { useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { CheckStatistics, DecisionPage, RoleMemberStatistics, UsageStatistics } from "@/lib/validation/responses";
import type { ApiProblem } from "./api";
import { apiQuery } from "./hooks";
import { queryKeys } from "./keys";
import { paths } from "./paths";

export type CheckStats = z.infer<typeof CheckStatistics>;
export interface StatsRange {
  from: string;
  to: string;
}

export type UsageStats = z.infer<typeof UsageStatistics>;
export type RoleMemberStats = z.infer<typeof RoleMemberStatistics>;
export type Decisions = z.infer<typeof DecisionPage>;
export interface UsageParams extends StatsRange {
  group_by: "user" | "code" | "role";
}
/** The decision log's filters the console uses (API.md: Decision log). */
export interface DecisionParams {
  user_id?: string;
  code?: string;
  result?: "granted" | "denied";
  from?: string;
  to?: string;
  limit?: number;
}

export const statsQueries = {
  checks: (range: StatsRange) =>
    apiQuery<CheckStats>(queryKeys.stats.checksFor({ ...range }), paths.checkStats, { ...range }),
  usage: (params: UsageParams) =>
    apiQuery<UsageStats>(queryKeys.stats.usageFor({ ...params }), paths.usageStats, { ...params }),
  roleMembers: (range: StatsRange) =>
    apiQuery<RoleMemberStats>(queryKeys.stats.roleMembersFor({ ...range }), paths.roleMemberStats, { ...range }),
  decisions: (params: DecisionParams) =>
    apiQuery<Decisions>(queryKeys.decisions.list({ ...params }), paths.decisions, { ...params }),
};

export const useUsageStats = (params: UsageParams) => useQuery(statsQueries.usage(params));
export const useRoleMemberStats = (range: StatsRange, enabled = true) =>
  useQuery({ ...statsQueries.roleMembers(range), enabled });
export const useDecisions = (params: DecisionParams, enabled = true) =>
  useQuery({ ...statsQueries.decisions(params), enabled });

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
