"use client";
import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { type ApiProblem, api } from "@/lib/query/api";
import { useApiMutation } from "@/lib/query/hooks";
import type { CreatePermissionRequest, UpdatePermissionRequest } from "@/lib/validation/catalog";
import type { CatalogPermission } from "./model";

/**
 * A catalog write can change every view that lists permissions or decides them: the catalog's
 * own reads, the matrix, and the caller's effective set. Each of those keys is refreshed.
 */
export function invalidateCatalog(qc: QueryClient) {
  return qc.invalidateQueries({
    predicate: (q) => {
      const path = q.queryKey[1];
      return (
        q.queryKey[0] === "api" &&
        typeof path === "string" &&
        (path.startsWith("/api/v1/permissions") || path.startsWith("/api/v1/matrix") || path.startsWith("/api/v1/me"))
      );
    },
  });
}

/** Body as sent: zod's defaults are the server's to fill (`z.input`, not the parsed output). */
export type PermissionInput = Omit<Partial<CreatePermissionRequest>, "code"> & { code?: string };

export function useSavePermission(options: {
  onSaved: (p: CatalogPermission) => void;
  onError: (e: ApiProblem) => void;
}) {
  const qc = useQueryClient();
  return useApiMutation<{ id: string | null; body: PermissionInput }, CatalogPermission>({
    mutationFn: ({ id, body }) =>
      id
        ? api.patch<CatalogPermission>(`/api/v1/permissions/${id}`, body as UpdatePermissionRequest)
        : api.post<CatalogPermission>("/api/v1/permissions", body),
    success: (p, v) => (v.id ? `Saved ${p.code}` : `Created ${p.code}`),
    onSuccess: async (p) => {
      await invalidateCatalog(qc);
      options.onSaved(p);
    },
    onError: (e) => {
      options.onError(e);
      return true;
    },
  });
}

export function useDeletePermission(onDeleted: () => void) {
  const qc = useQueryClient();
  return useApiMutation<CatalogPermission>({
    mutationFn: (p) => api.delete(`/api/v1/permissions/${p.id}`),
    success: (_, p) => `Deleted ${p.code}`,
    onSuccess: async () => {
      await invalidateCatalog(qc);
      onDeleted();
    },
  });
}

export function useSetDependencies(options: { onSaved: () => void; onError: (e: ApiProblem) => void }) {
  const qc = useQueryClient();
  return useApiMutation<{ permission: CatalogPermission; codes: string[] }>({
    mutationFn: ({ permission, codes }) => api.put(`/api/v1/permissions/${permission.id}/dependencies`, { codes }),
    success: (_, v) => `Dependencies of ${v.permission.code} saved`,
    onSuccess: async () => {
      await invalidateCatalog(qc);
      options.onSaved();
    },
    onError: (e) => {
      options.onError(e);
      return true;
    },
  });
}
