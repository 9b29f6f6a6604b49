"use client";
import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type ApiProblem, api } from "@/lib/query/api";
import { useApiMutation } from "@/lib/query/hooks";
import { PLANS_PATH, TENANTS_PATH, type Tenant } from "../plans/model";

export interface TenantInput {
  name?: string;
  slug?: string;
  plan_id?: string | null;
}

const refreshPlatform = (qc: QueryClient) =>
  Promise.all([TENANTS_PATH, PLANS_PATH].map((p) => qc.invalidateQueries({ queryKey: ["api", p] })));

/** PATCH /tenants/{id}: name, slug or plan (a plan change re-decides the tenant at once). */
export function useUpdateTenant(
  options: {
    success?: (t: Tenant) => string;
    onSaved?: (t: Tenant) => void;
    onError?: (e: ApiProblem) => boolean | void;
  } = {},
) {
  const qc = useQueryClient();
  const router = useRouter();
  return useApiMutation<{ id: string; body: TenantInput }, Tenant>({
    mutationFn: ({ id, body }) => api.patch<Tenant>(`${TENANTS_PATH}/${id}`, body),
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
  return useApiMutation<TenantInput, Tenant>({
    mutationFn: (body) => api.post<Tenant>(TENANTS_PATH, body),
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
 * Makes `tenant` the session's active tenant (POST /api/v1/me/tenant), drops every cached
 * answer of the previous tenant, and opens its console.
 */
export function useSwitchTenant() {
  const qc = useQueryClient();
  const router = useRouter();
  return useApiMutation<Pick<Tenant, "id" | "name">>({
    mutationFn: (t) => api.post("/api/v1/me/tenant", { tenant_id: t.id }),
    success: (_, t) => `Switched to ${t.name}`,
    onSuccess: () => {
      qc.clear();
      router.push("/admin");
      router.refresh();
    },
  });
}
