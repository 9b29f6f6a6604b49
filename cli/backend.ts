import { z } from "zod";
import { ApiError } from "@/lib/errors";
import type { PolicyChange, PolicyDocument } from "@/lib/validation/policy";

/** What a policy command needs, wherever the tenant lives: a database here, or a server there. */
export interface PolicyBackend {
  export(withMembers: boolean): Promise<PolicyDocument>;
  diff(doc: unknown): Promise<{ changes: PolicyChange[]; perm_version: number }>;
  apply(
    doc: unknown,
    ifMatch: number | null,
  ): Promise<{ changes: PolicyChange[]; perm_version: number; approval_ids?: string[] }>;
  close(): Promise<void>;
}

/** A refusal, in the words the API would use (problem+json), for the CLI to print. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly problem: { title?: string; detail?: string; errors?: { path: string; message: string }[] } & Record<
      string,
      unknown
    >,
  ) {
    super(problem.detail ?? problem.title ?? `refused (${status})`);
  }
}

/** Talks to a running server over its API with an API key (read scope to export, write to diff and apply). */
export function remoteBackend(url: string, key: string): PolicyBackend {
  const send = remoteApi(url, key);
  return {
    export: (withMembers) => send("GET", `/api/v1/policy${withMembers ? "?include=assignments" : ""}`),
    diff: (doc) => send("PUT", "/api/v1/policy?dry_run=true", doc),
    apply: (doc, ifMatch) =>
      send("PUT", "/api/v1/policy", doc, ifMatch === null ? {} : { "if-match": String(ifMatch) }),
    close: async () => undefined,
  };
}

/** A server's API with an API key: JSON in and out, a refusal thrown as the server said it; `raw` for a stream. */
export function remoteApi(url: string, key: string) {
  const base = url.replace(/\/+$/, "");
  const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  async function send<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await request(method, path, body, headers);
    const text = await res.text();
    const json = text ? (JSON.parse(text) as T & Record<string, unknown>) : ({} as T & Record<string, unknown>);
    if (!res.ok) throw new Refusal(res.status, json);
    return json;
  }
  return Object.assign(send, {
    /** The answer as it came (checked ok), for a streamed body. */
    async raw(path: string, accept: string) {
      const res = await request("GET", path, undefined, { accept });
      if (!res.ok) throw new Refusal(res.status, (await res.json().catch(() => ({}))) as Record<string, unknown>);
      return res;
    },
  });
}

/** A zod or ApiError refusal of the local services, as the API would have answered it. */
export function refusalOf(error: unknown): Refusal | null {
  if (error instanceof Refusal) return error;
  if (error instanceof ApiError)
    return new Refusal(error.status, {
      title: error.title,
      detail: error.detail,
      ...error.extra,
      ...(error.errors ? { errors: error.errors } : {}),
    });
  if (error instanceof z.ZodError)
    return new Refusal(400, {
      title: "Invalid document",
      detail: "The document is invalid.",
      errors: error.issues.map((i) => ({ path: ["body", ...i.path].join("."), message: i.message })),
    });
  return null;
}
