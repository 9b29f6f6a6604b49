/**
 * The one error type of the application. Services throw it; the route wrapper (lib/api/route.ts)
 * turns it, and only it, into `application/problem+json` (RFC 9457); anything else is a logged 500.
 * It lives below every layer so that services, the gate and the engine's callers share it without
 * knowing about HTTP.
 */
export interface FieldError {
  path: string;
  message: string;
}

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
