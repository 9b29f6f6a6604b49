import type { QueryParams } from "./api";

/**
 * Query keys mirror the API: `["api", path, params]`. A server component that prefetches
 * `/api/v1/roles` through the service and a client component that fetches it over HTTP share one
 * key, so the client continues from the server's data; invalidating `["api", "/api/v1/roles"]`
 * refreshes every page of that list.
 */
export function apiKey(path: string, params?: QueryParams) {
  return params && Object.keys(params).length ? (["api", path, normalise(params)] as const) : (["api", path] as const);
}

function normalise(params: QueryParams): QueryParams {
  const out: QueryParams = {};
  for (const k of Object.keys(params).sort()) {
    const v = params[k];
    if (v !== undefined && v !== null && v !== "") out[k] = v;
  }
  return out;
}
