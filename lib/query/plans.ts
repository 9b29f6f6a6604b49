/** Plans (super-admin): the list with included menu items, create / edit, and their features. */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { createPlanRequest, planFeaturesRequest } from "@/lib/validation/plans";
import type { PlanPage, PlanWritten } from "@/lib/validation/responses";
import { api } from "./api";
import { apiQuery, useApiMutation, type WriteOptions } from "./hooks";
import { queryKeys } from "./keys";
import { paths } from "./paths";

export type PlanList = z.infer<typeof PlanPage>;
export type Plan = PlanList["data"][number];
export type PlanWriteResult = z.infer<typeof PlanWritten>;
export type PlanBody = z.input<typeof createPlanRequest>;

export const planQueries = {
  list: () => apiQuery<PlanList>(queryKeys.plans.all, paths.plans),
};

export const usePlans = () => useQuery(planQueries.list());

/** A plan change re-decides the tenants on it: plans, menu items (their plans) and tenants. */
const planWriteKeys = [queryKeys.plans.all, queryKeys.catalog.menuItems(), queryKeys.tenants.all];

/** Creates a plan (`id` null) or edits one. */
export function useSavePlan(options: WriteOptions<{ id: string | null; body: PlanBody }, PlanWriteResult>) {
  return useApiMutation<{ id: string | null; body: PlanBody }, PlanWriteResult>({
    mutationFn: ({ id, body }) =>
      id ? api.patch<PlanWriteResult>(paths.plan(id), body) : api.post<PlanWriteResult>(paths.plans, body),
    invalidate: planWriteKeys,
    ...options,
  });
}

type Features = { planId: string } & z.input<typeof planFeaturesRequest>;

/** Saves several plans' features one after the other; a failure refreshes the plans (some saved). */
export function useSavePlanFeatures<T extends Features>(options: WriteOptions<T[], PlanWriteResult[]>) {
  const qc = useQueryClient();
  return useApiMutation<T[], PlanWriteResult[]>({
    mutationFn: async (list) => {
      const out: PlanWriteResult[] = [];
      for (const { planId, menu_item_ids } of list)
        out.push(await api.put<PlanWriteResult>(paths.planFeatures(planId), { menu_item_ids }));
      return out;
    },
    invalidate: planWriteKeys,
    ...options,
    onError: (error, vars) => {
      void qc.invalidateQueries({ queryKey: queryKeys.plans.all });
      return options.onError?.(error, vars);
    },
  });
}
