"use client";
/**
 * The tenant writes that move the viewer: a saved tenant re-renders the server chrome (top bar and
 * sidebar show the active tenant's name and plan), a switch opens the other tenant's console.
 * Client-only (they navigate), so apart from tenants.ts, which server pages import for its reads.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { ApiProblem } from "./api";
import { api } from "./api";
import { useApiMutation } from "./hooks";
import { paths } from "./paths";
import { refreshPlatform, type Tenant, type UpdateTenantBody } from "./tenants";

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
