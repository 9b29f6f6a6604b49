import { type QueryKey, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { ApiProblem, api, type QueryParams } from "./api";

/**
 * A read of an `/api/v1` path under its key: the same options serve the client's `useQuery` and
 * the server page that seeds the key (lib/admin/page.ts), so the two never drift apart.
 */
export function apiQuery<T>(queryKey: QueryKey, path: string, params?: QueryParams) {
  return queryOptions<T, ApiProblem, T, QueryKey>({ queryKey, queryFn: () => api.get<T>(path, params) });
}

/** Whether a read runs (a hidden panel, a permission the viewer lacks) and how often it polls. */
export interface ReadOptions {
  enabled?: boolean;
  refetchInterval?: number;
}

/** What a caller adds to a write: its toast, its follow-up, and which failures it shows itself. */
export interface WriteOptions<TVars, TData> {
  success?: string | ((data: TData, vars: TVars) => string | null);
  onSuccess?: (data: TData, vars: TVars) => void;
  /** Return true when the caller shows the problem itself (no toast). */
  onError?: (error: ApiProblem, vars: TVars) => boolean | undefined;
}

type Invalidation = (QueryKey | ((key: QueryKey) => boolean))[];

/**
 * A write through the API: toasts the server's problem detail on failure (unless `onError`
 * handles it), the `success` message on success, then refreshes the queries it names — a key
 * prefix, or a predicate over keys for reads nested under a path.
 */
export function useApiMutation<TVars, TData = unknown>(
  options: WriteOptions<TVars, TData> & {
    mutationFn: (vars: TVars) => Promise<TData>;
    invalidate?: Invalidation | ((data: TData, vars: TVars) => Invalidation);
    /** Refreshed after the toast and `onSuccess`, not awaited (the caller moves on at once). */
    refresh?: Invalidation;
  },
) {
  const qc = useQueryClient();
  const run = (k: Invalidation[number]) =>
    typeof k === "function"
      ? qc.invalidateQueries({ predicate: (q) => k(q.queryKey) })
      : qc.invalidateQueries({ queryKey: k });
  return useMutation<TData, ApiProblem, TVars>({
    mutationFn: options.mutationFn,
    onSuccess: async (data, vars) => {
      const keys =
        typeof options.invalidate === "function" ? options.invalidate(data, vars) : (options.invalidate ?? []);
      await Promise.all(keys.map(run));
      const message = typeof options.success === "function" ? options.success(data, vars) : options.success;
      if (message) toast.success(message);
      options.onSuccess?.(data, vars);
      for (const k of options.refresh ?? []) void run(k);
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
