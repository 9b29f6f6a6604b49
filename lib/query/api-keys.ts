/** The tenant's API keys: the list, create (the secret is answered once) and revoke. */
import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { createApiKeyRequest } from "@/lib/validation/api-keys";
import type { ApiKeyCreated, ApiKeyPage } from "@/lib/validation/responses";
import { api } from "./api";
import { apiQuery, type ReadOptions, useApiMutation, type WriteOptions } from "./hooks";
import { queryKeys } from "./keys";
import { paths } from "./paths";

export type ApiKeyList = z.infer<typeof ApiKeyPage>;
export type ApiKey = ApiKeyList["data"][number];
export type CreatedApiKey = z.infer<typeof ApiKeyCreated>;
export type CreateApiKeyBody = z.input<typeof createApiKeyRequest>;

export const apiKeyQueries = {
  list: () => apiQuery<ApiKeyList>(queryKeys.apiKeys.all, paths.apiKeys),
};

export const useApiKeys = (options: ReadOptions = {}) => useQuery({ ...apiKeyQueries.list(), ...options });

export function useCreateApiKey(options: WriteOptions<CreateApiKeyBody, CreatedApiKey>) {
  return useApiMutation<CreateApiKeyBody, CreatedApiKey>({
    mutationFn: (body) => api.post<CreatedApiKey>(paths.apiKeys, body),
    invalidate: [queryKeys.apiKeys.all, queryKeys.audit.all],
    ...options,
  });
}

export function useRevokeApiKey(options: WriteOptions<ApiKey, unknown>) {
  return useApiMutation<ApiKey>({
    mutationFn: (key) => api.delete(paths.apiKeyById(key.id)),
    invalidate: [queryKeys.apiKeys.all, queryKeys.audit.all],
    ...options,
  });
}
