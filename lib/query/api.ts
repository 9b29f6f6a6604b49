/**
 * The browser's way to call `/api/v1`: JSON in, JSON out, and every failure an `ApiProblem`
 * carrying the problem+json body (status, code, detail and field errors) so forms can show them.
 */

export interface ProblemField {
  path: string;
  message: string;
}
export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: ProblemField[];
  [extra: string]: unknown;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: ProblemBody,
  ) {
    super(body.detail ?? body.title ?? `Request failed (${status})`);
    this.name = "ApiProblem";
  }
  get code() {
    return this.body.code;
  }
  get fieldErrors(): ProblemField[] {
    return this.body.errors ?? [];
  }
  /** The message for one field path (`name`, `permissions.0.code`), if the server named it. */
  fieldError(path: string) {
    return this.fieldErrors.find((e) => e.path === path || e.path === `body.${path}`)?.message;
  }
}

export type QueryParams = Record<string, string | number | boolean | null | undefined | string[]>;

export function withQuery(path: string, params?: QueryParams): string {
  if (!params) return path;
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "") continue;
    if (!Array.isArray(v)) search.set(k, String(v));
    else for (const item of v) search.append(k, item);
  }
  const s = search.toString();
  return s ? `${path}?${s}` : path;
}

export interface ApiResult<T> {
  data: T;
  status: number;
  headers: Headers;
}

export async function apiRequest<T = unknown>(
  method: string,
  path: string,
  options: { query?: QueryParams; body?: unknown; headers?: HeadersInit } = {},
): Promise<ApiResult<T>> {
  const response = await fetch(withQuery(path, options.query), {
    method,
    credentials: "same-origin",
    headers: {
      accept: "application/json",
      ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
      ...options.headers,
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { detail: text };
    }
  }
  if (!response.ok) {
    throw new ApiProblem(response.status, (parsed ?? { title: response.statusText }) as ProblemBody);
  }
  return { data: parsed as T, status: response.status, headers: response.headers };
}

export const api = {
  get: async <T>(path: string, query?: QueryParams) => (await apiRequest<T>("GET", path, { query })).data,
  post: async <T>(path: string, body?: unknown) => (await apiRequest<T>("POST", path, { body })).data,
  put: async <T>(path: string, body?: unknown) => (await apiRequest<T>("PUT", path, { body })).data,
  patch: async <T>(path: string, body?: unknown) => (await apiRequest<T>("PATCH", path, { body })).data,
  delete: async <T>(path: string, query?: QueryParams, body?: unknown) =>
    (await apiRequest<T>("DELETE", path, { query, body })).data,
};
