import type { z } from "zod";

export interface FieldError {
  path: string;
  message: string;
}

/**
 * The one error type of the application (RFC 9457 on the wire). Services throw it; the route
 * wrapper turns it, and only it, into `application/problem+json`; anything else is a logged 500.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly errors?: FieldError[],
  ) {
    super(detail);
  }

  static badRequest(detail: string, errors?: FieldError[]) {
    return new ApiError(400, "Invalid request", detail, {}, errors);
  }
  static unauthorized(detail = "Sign in or send a valid API key.") {
    return new ApiError(401, "Unauthorized", detail);
  }
  /** A 403 names what is missing, never what is granted. */
  static forbidden(detail: string, extra: Record<string, unknown> = {}) {
    return new ApiError(403, "Forbidden", detail, extra);
  }
  /** Unknown ids and ids of another tenant answer exactly alike. */
  static notFound(what = "resource") {
    return new ApiError(404, "Not found", `No such ${what}.`);
  }
  static conflict(detail: string, extra: Record<string, unknown> = {}) {
    return new ApiError(409, "Conflict", detail, extra);
  }
  static unprocessable(detail: string, extra: Record<string, unknown> = {}) {
    return new ApiError(422, "Refused by a rule of the domain", detail, extra);
  }
  static tooMany(retryAfterSeconds: number) {
    return new ApiError(429, "Too many requests", `Try again in ${retryAfterSeconds} s.`, {
      retry_after: retryAfterSeconds,
    });
  }
}

export function fromZod(error: z.ZodError, where: "body" | "query" | "path"): ApiError {
  const errors = error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join("."), message: i.message }));
  return ApiError.badRequest(
    `The ${where} is invalid: ${errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`,
    errors,
  );
}

const TYPE_BASE = "https://gatehouse.dev/problems/";

export function problemResponse(error: ApiError, headers: HeadersInit = {}): Response {
  const body = {
    type: `${TYPE_BASE}${error.status}`,
    title: error.title,
    status: error.status,
    detail: error.detail,
    ...(error.errors ? { errors: error.errors } : {}),
    ...error.extra,
  };
  const h = new Headers(headers);
  h.set("content-type", "application/problem+json");
  h.set("cache-control", "no-store");
  if (error.status === 429 && typeof error.extra.retry_after === "number")
    h.set("retry-after", String(error.extra.retry_after));
  return new Response(JSON.stringify(body), { status: error.status, headers: h });
}
