import type { z } from "zod";
import { ApiError } from "@/lib/errors";

export function fromZod(error: z.ZodError, where: "body" | "query" | "path"): ApiError {
  const errors = error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join("."), message: i.message }));
  return ApiError.badRequest(
    `The ${where} is invalid: ${errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`,
    errors,
  );
}

const TYPE_BASE = "https://gatehouse.dev/problems/";

export function problemResponse(error: ApiError, headers: HeadersInit = {}): Response {
  // Extension members first: the standard ones (a 409 body says 409) cannot be overwritten by them.
  const body = {
    ...error.extra,
    type: `${TYPE_BASE}${error.status}`,
    title: error.title,
    status: error.status,
    detail: error.detail,
    ...(error.errors ? { errors: error.errors } : {}),
  };
  const h = new Headers(headers);
  h.set("content-type", "application/problem+json");
  h.set("cache-control", "no-store");
  if (error.status === 429 && typeof error.extra.retry_after === "number")
    h.set("retry-after", String(error.extra.retry_after));
  return new Response(JSON.stringify(body), { status: error.status, headers: h });
}
