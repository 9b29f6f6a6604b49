/** The SDK's calls to Gatehouse: JSON in and out, the API key as a bearer, problem+json errors as GatehouseError. */

export class GatehouseError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly body: unknown = null,
  ) {
    super(`Gatehouse ${status} ${title}: ${detail}`);
    this.name = "GatehouseError";
  }
}

export interface Transport {
  /** The Gatehouse base URL, without a trailing slash. */
  base: string;
  apiKey: string;
  timeoutMs: number;
}

export async function call<T>(t: Transport, method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${t.base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${t.apiKey}`,
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(t.timeoutMs),
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  if (!res.ok) {
    const problem = (parsed ?? {}) as { title?: string; detail?: string };
    throw new GatehouseError(res.status, problem.title ?? res.statusText, problem.detail ?? text.slice(0, 200), parsed);
  }
  return parsed as T;
}
