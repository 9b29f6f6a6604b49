import "server-only";
import { z } from "zod";
import { db, dbNow } from "@/db";
import type { Db } from "@/db/client";
import { fromZod, problemReply, type Reply } from "@/lib/api/problem";
import { verifyApiKey } from "@/lib/auth/api-keys";
import { authorize, type RequiredCode } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import { enforceRateLimit } from "@/lib/http/rate-limit";
import { andThen, attempt, type MaybePromise } from "@/lib/maybe-promise";
import { auditDenied } from "@/lib/services/audit-chain";
import type { RequestMeta, ServiceContext } from "@/lib/services/context";
import { Download } from "@/lib/services/download";
import { Written } from "@/lib/services/written";
import type { ApiKeyScope } from "@/lib/validation/api-keys";
import type { ResponseDoc } from "@/lib/validation/responses";
import { loneSurrogatePaths, NUL_MESSAGE, nulPaths, SURROGATE_MESSAGE } from "@/lib/validation/safe-input";

/**
 * The rules of every /api/v1 request, free of any HTTP framework: the route wrapper (route.ts,
 * Next's route handlers) and the data plane (data-plane.ts, our own Node handler for the check
 * routes) are two thin shells around `serve`. One implementation of every rule: body size, JSON,
 * NUL, strict query and body, API keys and scopes, rate limits, audited refusals, and how a
 * service's answer becomes a status, headers and a body.
 */

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  /** The API key scope the route needs (`check`, `read` or `write`). */
  scope: ApiKeyScope;
  /**
   * The permission the caller needs in the tenant (an API key: its creator); null = any signed-in
   * member or any key with the scope.
   */
  permission: RequiredCode | null;
  /** Whether API keys may call it at all (me/* routes are for users). */
  keys?: boolean;
  /**
   * Answers callers who are not signed in too (accepting an invitation link): the handler gets
   * `caller` null then. A session, when there is one, is still checked (CSRF, ended sessions).
   */
  anonymous?: true;
  /** Counts each request against the caller's budget (per API key or user); 429 when spent. */
  rateLimit?: "check";
  params?: P;
  /** Without one, the route takes no query parameters at all: any key is a 400. */
  query?: Q;
  body?: B;
  /** The success answers, for the OpenAPI document (lib/api/openapi.ts); the responses test holds the services to them. */
  responses?: ResponseDoc[];
  /** The handler reads `If-Match` (a perm_version): documented as a header, with its 412. */
  ifMatch?: true;
}

export type AnySpec = RouteSpec<z.ZodType, z.ZodType, z.ZodType>;

/** What a handler gets from the core: the service context (`ctx`) and the parsed input. */
export interface HandlerInput<P, Q, B> {
  ctx: ServiceContext;
  /** Who is calling; null only on an `anonymous` route called without a session. */
  caller: Principal | null;
  params: P;
  query: Q;
  body: B;
}

/** A request as the core reads it; each shell adapts its own. */
export interface ApiRequest {
  method: string;
  pathname: string;
  /** The query string without its `?` ("" when there is none). */
  search: string;
  /** A header by its lower-case name, or null. */
  header(name: string): string | null;
  /**
   * Hands the body's bytes to `take` as they arrive, until the end or until `take` returns false
   * (too large): then reading stops, without hurting the answer still to be sent.
   */
  readBody(take: (chunk: Uint8Array) => boolean): MaybePromise<void>;
  /** What the audit log records of the request (client IP, user agent). */
  meta(): RequestMeta;
}

/** A service's answer that is not a JSON body: the route wrapper streams it as it is. */
export interface Raw {
  raw: Response | Download;
}

/** Bytes (not characters) of a JSON body. */
export const MAX_BODY_BYTES = 1_000_000;
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
const NO_QUERY = z.strictObject({});
const tooLarge = () => new ApiError(413, "Payload too large", `The body may hold at most ${MAX_BODY_BYTES} bytes.`);

/**
 * One request: size limit, authentication (API key here; a session through `session`, which only
 * the Next shell can read), rate limit, path, query and body, the handler, and the answer — or
 * the problem+json of the ApiError that stopped it (anything else: a logged 500). Each step
 * answers from memory when it can (lib/maybe-promise.ts): a check the data plane serves from its
 * caches runs start to end without creating a promise.
 */
export function serve(
  spec: AnySpec,
  request: ApiRequest,
  params: unknown,
  session: (database: Db) => Promise<Principal | null>,
  handler: (input: HandlerInput<never, never, never>) => MaybePromise<unknown>,
): MaybePromise<Reply | Raw> {
  const authenticated = (database: Db, principal: Principal | null) => {
    // Only an `anonymous` route's session may be null; its handler reads `caller`, never `ctx.principal`.
    const ctx = context(database, principal as Principal, request);
    const path = spec.params || params !== undefined ? parse(spec.params, params, "path") : undefined;
    // No query schema and no query: nothing to refuse (the check routes, on every request).
    const query =
      spec.query || request.search
        ? parse(
            spec.query ?? NO_QUERY,
            request.search ? Object.fromEntries(new URLSearchParams(request.search)) : {},
            "query",
          )
        : {};
    return andThen(spec.body ? readJson(request) : undefined, (read) => {
      const body = spec.body && read ? parse(spec.body, read.json, "body", read.escapes) : undefined;
      return andThen(
        handler({ ctx, caller: principal, params: path, query, body } as HandlerInput<never, never, never>),
        answer,
      );
    });
  };
  return attempt(() => {
    // A declared length over the limit is refused before anything else is done or read.
    if (spec.body && declaredTooLarge(request)) throw tooLarge();
    return andThen(dbNow() ?? db(), (database) => {
      const authorization = request.header("authorization");
      const principal =
        authorization === null ? session(database) : authenticateKey(database, authorization, spec, request);
      return andThen(principal, (principal) =>
        andThen(spec.rateLimit && principal ? enforceRateLimit(spec.rateLimit, principal) : undefined, () =>
          authenticated(database, principal),
        ),
      );
    });
  }, failed);
}

/** What stopped a request, as its answer: an ApiError's problem+json, anything else a logged 500. */
function failed(error: unknown): Reply {
  if (error instanceof ApiError) return problemReply(error);
  console.error(error);
  return problemReply(new ApiError(500, "Internal error", "Something went wrong on our side."));
}

/**
 * The service context of a request. `meta` (the client IP and user agent, for audit entries) is
 * worked out when a service first reads it: a check never does.
 */
function context(database: Db, principal: Principal, request: ApiRequest): ServiceContext {
  let meta: RequestMeta | undefined;
  return {
    db: database,
    principal,
    get meta() {
      meta ??= request.meta();
      return meta;
    },
  };
}

/**
 * `escapes`: whether the input may hold a NUL or a lone surrogate at all. A JSON body can only
 * carry either as a `\u` escape (JSON.parse refuses a raw control character in a string, and the
 * strict UTF-8 decoder any byte sequence that would make a lone surrogate), so a body without one
 * skips the walk.
 */
function parse<T extends z.ZodType | undefined>(
  schema: T,
  input: unknown,
  where: "body" | "query" | "path",
  escapes = true,
) {
  // Before the schema, on everything the client sent (unknown keys too): PostgreSQL cannot store
  // a NUL, and a query that tries answers 500. Refused here once for every route.
  // A lone surrogate likewise breaks a jsonb value (the audit entry's before/after).
  const unsafe = escapes
    ? [
        ...nulPaths(input).map((path) => ({ path, message: NUL_MESSAGE })),
        ...loneSurrogatePaths(input).map((path) => ({ path, message: SURROGATE_MESSAGE })),
      ]
    : [];
  if (unsafe.length > 0)
    throw fromZod(
      new z.ZodError(unsafe.map(({ path, message }) => ({ code: "custom", path, message, input: undefined }))),
      where,
    );
  if (!schema) return input as never;
  const result = schema.safeParse(input);
  if (!result.success) throw fromZod(new z.ZodError(result.error.issues.flatMap(perUnknownKey)), where);
  return result.data as never;
}

/** A strict object names every key it refuses: one error per key, with the key in its path (`query.tenant_id`). */
function perUnknownKey(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== "unrecognized_keys") return [issue];
  return issue.keys.map((key) => ({
    ...issue,
    keys: [key],
    path: [...issue.path, key],
    message: `Unknown field "${key}"`,
  }));
}

function declaredTooLarge(request: ApiRequest): boolean {
  return Number(request.header("content-length") ?? 0) > MAX_BODY_BYTES;
}

/**
 * The body as JSON, counted in bytes while it is read: a missing or lying Content-Length cannot
 * get more than MAX_BODY_BYTES past us (reading stops there), and invalid UTF-8 is refused.
 */
function readJson(request: ApiRequest): MaybePromise<{ json: unknown; escapes: boolean }> {
  if (declaredTooLarge(request)) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const read = request.readBody((chunk) => {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) return false;
    chunks.push(chunk);
    return true;
  });
  return andThen(read, () => {
    if (size > MAX_BODY_BYTES) throw tooLarge();
    if (size === 0) return { json: {}, escapes: false };
    const bytes = chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks, size);
    let text: string;
    let json: unknown;
    try {
      text = UTF8.decode(bytes);
      json = JSON.parse(text);
    } catch {
      throw ApiError.badRequest("The body is not valid JSON.", [{ path: "body", message: "Invalid JSON" }]);
    }
    return { json, escapes: text.includes("\\u") };
  });
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The only place a service's answer becomes HTTP: a `Written` is the body with its perm_version
 * (body and `X-Perm-Version`), 201 when it created something, 202 with the approval ids when some
 * grants became approval requests, 204 when it has no body; a `Download` (an attachment) and a
 * Response (the event stream, metrics) pass through to the route wrapper; any other value is a
 * 200 JSON body.
 */
function answer(result: unknown): Reply | Raw {
  if (result instanceof Response || result instanceof Download) return { raw: result };
  if (!(result instanceof Written)) return json(200, result, NO_STORE);
  const headers: Record<string, string> = { ...NO_STORE };
  if (result.permVersion !== null) headers["x-perm-version"] = String(result.permVersion);
  if (result.body === null) return { status: 204, headers, body: null };
  const { approvals } = result;
  const pending = approvals.length ? { approvals, approval_ids: approvals.map((a) => a.id) } : {};
  const status = approvals.length ? 202 : result.created ? 201 : 200;
  return json(status, { ...result.body, ...pending, perm_version: result.permVersion }, headers);
}

const NO_STORE = { "cache-control": "no-store" };

function json(status: number, body: unknown, headers: Record<string, string>): Reply {
  return { status, headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) };
}

/** A bearer key decides alone: a cookie sent beside it is ignored, never merged. */
function authenticateKey(
  database: Db,
  authorization: string,
  spec: AnySpec,
  request: ApiRequest,
): MaybePromise<Principal> {
  const key = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  return andThen(key ? verifyApiKey(key) : null, (apiKey) => {
    if (!apiKey) throw ApiError.unauthorized("The API key is missing, malformed, unknown or revoked.");
    if (spec.keys === false) throw ApiError.forbidden("This route is for signed-in users, not API keys.");
    const principal: Principal = {
      kind: "api_key",
      userId: null,
      tenantId: apiKey.tenantId,
      isSuperAdmin: false,
      label: `API key ${apiKey.name}`,
      apiKey,
    };
    const guarded = auditedRefusal(database, principal, request, () => {
      if (!apiKey.scopes.includes(spec.scope))
        throw ApiError.forbidden(`The API key lacks the scope "${spec.scope}".`, { missing_scope: spec.scope });
      // A key acts with its creator's authority, never more: the route's permission is checked
      // against the creator now, not only when the key was made.
      if (spec.permission) return authorize(principal, spec.permission);
    });
    return andThen(guarded, () => principal);
  });
}

/**
 * Runs a guard; when it refuses (403) a request that would write, the refusal is audited in a
 * transaction of its own (docs/design.md §6: denied admin actions are audited too) before it is answered.
 * Refused reads are answered without an entry: they change nothing and would flood the log.
 */
export function auditedRefusal(
  database: Db,
  principal: Principal,
  request: ApiRequest,
  guard: () => MaybePromise<void>,
): MaybePromise<void> {
  return attempt(guard, async (error) => {
    if (error instanceof ApiError && error.status === 403 && !SAFE.has(request.method)) {
      await auditDenied(database, principal.tenantId, principal, request.meta(), error, {
        method: request.method,
        path: request.pathname,
      });
    }
    throw error;
  });
}
