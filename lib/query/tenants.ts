/** Tenants (super-admin): the list, create, edit (plan among the fields), and switching into one. */
import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { PlanChangeImpact, TenantCreated as TenantCreatedSchema, TenantPage } from "@/lib/validation/responses";
import type { createTenantRequest, updateTenantRequest } from "@/lib/validation/tenants";
import type { ApiProblem } from "./api";
import { api } from "./api";
import { apiQuery, useApiMutation } from "./hooks";
import { queryKeys } from "./keys";
import { paths } from "./paths";

export type TenantList = z.infer<typeof TenantPage>;
export type Tenant = TenantList["data"][number];
export type CreateTenantBody = z.input<typeof createTenantRequest>;
/** The new tenant, with what became of its first Admin when `admin_email` was sent (an invite link: this answer only). */
export type TenantCreated = z.infer<typeof TenantCreatedSchema>;
export type UpdateTenantBody = z.input<typeof updateTenantRequest>;
export type PlanImpact = z.infer<typeof PlanChangeImpact>;

/** One page of 200 holds the demo world's tenants; the same params on server and client. */
export const TENANTS_PARAMS = { limit: 200 } as const;

export const tenantQueries = {
  list: () => apiQuery<TenantList>(queryKeys.tenants.list(TENANTS_PARAMS), paths.tenants, TENANTS_PARAMS),
};

export const useTenants = () => useQuery(tenantQueries.list());

/** What moving `tenantId` to `planId` ("" or null: no plan) would gain and take, asked only when it is a change. */
export const usePlanImpact = (tenantId: string, planId: string | null, enabled: boolean) => {
  const params = planId ? { plan_id: planId } : undefined;
  return useQuery({
    ...apiQuery<PlanImpact>(queryKeys.tenants.planImpact(tenantId, params), paths.tenantPlanImpact(tenantId), params),
    enabled,
  });
};

/** A tenant write shows in the tenants list and in the plans (their tenant counts). */
export const refreshPlatform = (qc: QueryClient) =>
  Promise.all([queryKeys.tenants.all, queryKeys.plans.all].map((queryKey) => qc.invalidateQueries({ queryKey })));

export function useCreateTenant(options: { onCreated: (t: TenantCreated) => void; onError: (e: ApiProblem) => void }) {
  const qc = useQueryClient();
  return useApiMutation<CreateTenantBody, TenantCreated>({
    mutationFn: (body) => api.post<TenantCreated>(paths.tenants, body),
    onSuccess: async (t) => {
      await refreshPlatform(qc);
      options.onCreated(t);
    },
    onError: (e) => {
      options.onError(e);
      return true;
    },
  });
}
