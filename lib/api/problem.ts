import type { z } from "zod";
import { ApiError } from "@/lib/errors";

export function fromZod(error: z.ZodError, where: "body" | "query" | "path"): ApiError {
  const errors = error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join("."), message: i.message }));
  return ApiError.badRequest(
    `The ${where} is invalid: ${errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`,
    errors,
  );
}

/** An answer as status, headers (lower-case names) and body text, before any shell sends it. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

const TYPE_BASE = "https://gatehouse.dev/problems/";

/** The problem+json of an error (RFC 9457), as a Reply. */
export function problemReply(error: ApiError): Reply {
  // Extension members first: the standard ones (a 409 body says 409) cannot be overwritten by them.
  const body = {
    ...error.extra,
    type: `${TYPE_BASE}${error.status}`,
    title: error.title,
    status: error.status,
    detail: error.detail,
    ...(error.errors ? { errors: error.errors } : {}),
  };
  const headers: Record<string, string> = { "content-type": "application/problem+json", "cache-control": "no-store" };
  if (error.status === 429 && typeof error.extra.retry_after === "number")
    headers["retry-after"] = String(error.extra.retry_after);
  return { status: error.status, headers, body: JSON.stringify(body) };
}

export function toResponse(reply: Reply): Response {
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}

export function problemResponse(error: ApiError): Response {
  return toResponse(problemReply(error));
}
