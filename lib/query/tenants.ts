/** Tenants (super-admin): the list, create, edit (plan among the fields), and switching into one. */
import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { z } from "zod";
import type { TenantPage } from "@/lib/validation/responses";
import type { createTenantRequest, updateTenantRequest } from "@/lib/validation/tenants";
import type { ApiProblem } from "./api";
import { api } from "./api";
import { apiQuery, useApiMutation } from "./hooks";
import { queryKeys } from "./keys";
import { paths } from "./paths";

export type TenantList = z.infer<typeof TenantPage>;
export type Tenant = TenantList["data"][number];
export type CreateTenantBody = z.input<typeof createTenantRequest>;
export type UpdateTenantBody = z.input<typeof updateTenantRequest>;

/** One page of 200 holds the demo world's tenants; the same params on server and client. */
export const TENANTS_PARAMS = { limit: 200 } as const;

export const tenantQueries = {
  list: () => apiQuery<TenantList>(queryKeys.tenants.list(TENANTS_PARAMS), paths.tenants, TENANTS_PARAMS),
};

export const useTenants = () => useQuery(tenantQueries.list());

const refreshPlatform = (qc: QueryClient) =>
  Promise.all([queryKeys.tenants.all, queryKeys.plans.all].map((queryKey) => qc.invalidateQueries({ queryKey })));

/** PATCH a tenant: name, slug or plan (a plan change re-decides the tenant at once). */
export function useUpdateTenant(
  options: {
    success?: (t: Tenant) => string;
    onSaved?: (t: Tenant) => void;
    onError?: (e: ApiProblem) => boolean | undefined;
  } = {},
) {
  const qc = useQueryClient();
  const router = useRouter();
  return useApiMutation<{ id: string; body: UpdateTenantBody }, Tenant>({
    mutationFn: ({ id, body }) => api.patch<Tenant>(paths.tenant(id), body),
    success: options.success ?? ((t) => `Saved ${t.name}`),
    onSuccess: async (t) => {
      await refreshPlatform(qc);
      // The top bar and sidebar show the active tenant's name and plan: re-render them.
      router.refresh();
      options.onSaved?.(t);
    },
    onError: options.onError,
  });
}

export function useCreateTenant(options: { onCreated: (t: Tenant) => void; onError: (e: ApiProblem) => void }) {
  const qc = useQueryClient();
  return useApiMutation<CreateTenantBody, Tenant>({
    mutationFn: (body) => api.post<Tenant>(paths.tenants, body),
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

/**
 * Makes `tenant` the session's active tenant, drops every cached answer of the previous tenant,
 * and opens its console.
 */
export function useSwitchTenant() {
  const qc = useQueryClient();
  const router = useRouter();
  return useApiMutation<Pick<Tenant, "id" | "name">>({
    mutationFn: (t) => api.post(paths.myTenant, { tenant_id: t.id }),
    success: (_, t) => `Switched to ${t.name}`,
    onSuccess: () => {
      qc.clear();
      router.push("/admin");
      router.refresh();
    },
  });
}
