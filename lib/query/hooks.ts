"use client";
import { type QueryKey, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { ApiProblem, api, type QueryParams } from "./api";
import { apiKey } from "./keys";

/** GET an `/api/v1` path under the key a server component may have prefetched it with. */
export function useApi<T>(
  path: string | null,
  params?: QueryParams,
  options: { enabled?: boolean; refetchInterval?: number } = {},
) {
  return useQuery<T, ApiProblem>({
    queryKey: apiKey(path ?? "", params),
    queryFn: () => api.get<T>(path!, params),
    enabled: path !== null && options.enabled !== false,
    refetchInterval: options.refetchInterval,
  });
}

/**
 * A write through the API: toasts the server's problem detail on failure (unless `onError`
 * handles it), the `success` message on success, then invalidates the keys it names.
 */
export function useApiMutation<TVars, TData = unknown>(options: {
  mutationFn: (vars: TVars) => Promise<TData>;
  invalidate?: (QueryKey | string)[] | ((data: TData, vars: TVars) => (QueryKey | string)[]);
  success?: string | ((data: TData, vars: TVars) => string | null);
  onSuccess?: (data: TData, vars: TVars) => void;
  onError?: (error: ApiProblem, vars: TVars) => boolean | void;
}) {
  const qc = useQueryClient();
  return useMutation<TData, ApiProblem, TVars>({
    mutationFn: options.mutationFn,
    onSuccess: async (data, vars) => {
      const keys =
        typeof options.invalidate === "function" ? options.invalidate(data, vars) : (options.invalidate ?? []);
      await Promise.all(keys.map((k) => qc.invalidateQueries({ queryKey: typeof k === "string" ? apiKey(k) : k })));
      const message = typeof options.success === "function" ? options.success(data, vars) : options.success;
      if (message) toast.success(message);
      options.onSuccess?.(data, vars);
    },
    onError: (error, vars) => {
      if (options.onError?.(error, vars) === true) return;
      toast.error(problemTitle(error), { description: problemDetail(error) });
    },
  });
}

export function problemTitle(error: unknown): string {
  if (error instanceof ApiProblem) return error.body.title ?? `Request failed (${error.status})`;
  return "Something went wrong";
}

export function problemDetail(error: unknown): string | undefined {
  if (error instanceof ApiProblem) {
    const fields = error.fieldErrors.map((f) => `${f.path}: ${f.message}`).join("; ");
    return [error.body.detail, fields].filter(Boolean).join(" — ") || undefined;
  }
  return error instanceof Error ? error.message : undefined;
}
