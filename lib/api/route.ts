import "server-only";
import { cookies, headers } from "next/headers";
import { z } from "zod";
import { db } from "@/db";
import type { Db } from "@/db/client";
import { fromZod, problemResponse } from "@/lib/api/problem";
import { auth } from "@/lib/auth";
import { verifyApiKey } from "@/lib/auth/api-keys";
import { authorize, type RequiredCode } from "@/lib/auth/authorize";
import { type Principal, userPrincipal } from "@/lib/auth/principal";
import { TENANT_COOKIE } from "@/lib/auth/session";
import { viewerOfSession } from "@/lib/auth/viewer";
import { ApiError } from "@/lib/errors";
import { enforceRateLimit } from "@/lib/http/rate-limit";
import { requestMeta } from "@/lib/http/request-meta";
import { auditDenied } from "@/lib/services/audit-chain";
import type { ServiceContext } from "@/lib/services/context";
import { Download } from "@/lib/services/download";
import { Written } from "@/lib/services/written";
import type { ApiKeyScope } from "@/lib/validation/api-keys";
import type { ResponseDoc } from "@/lib/validation/responses";
import { NUL_MESSAGE, nulPaths } from "@/lib/validation/safe-input";

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
  /** Counts each request against the caller's budget (per API key or user); 429 when spent. */
  rateLimit?: "check";
  params?: P;
  /** Without one, the route takes no query parameters at all: any key is a 400. */
  query?: Q;
  body?: B;
  /** The success answers, for the OpenAPI document (lib/api/openapi.ts); the responses test holds the services to them. */
  responses?: ResponseDoc[];
}

/** What a handler gets: the service context (`ctx`) and the parsed input. */
export interface RouteContext<P, Q, B> {
  ctx: ServiceContext;
  params: P;
  query: Q;
  body: B;
  request: Request;
}

/** Bytes (not characters) of a JSON body. */
export const MAX_BODY_BYTES = 1_000_000;
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
const NO_QUERY = z.strictObject({});
const tooLarge = () => new ApiError(413, "Payload too large", `The body may hold at most ${MAX_BODY_BYTES} bytes.`);

/**
 * The one wrapper of every /api/v1 handler: authenticates (API key or session), resolves the
 * tenant, parses path, query and body with zod (strict schemas refuse unknown keys), checks the
 * declared permission through the engine, and maps errors to application/problem+json.
 */
export function route<
  P extends z.ZodType = z.ZodUnknown,
  Q extends z.ZodType = z.ZodUnknown,
  B extends z.ZodType = z.ZodUnknown,
>(spec: RouteSpec<P, Q, B>, handler: (ctx: RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<unknown>) {
  const handle = async (
    request: Request,
    segment: { params: Promise<Record<string, string | string[]>> },
  ): Promise<Response> => {
    try {
      // A declared length over the limit is refused before anything else is done or read.
      if (spec.body && Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
      const database = await db();
      const principal = await authenticate(request, database, spec);
      if (spec.rateLimit) await enforceRateLimit(spec.rateLimit, principal);
      const params = parse(spec.params, await segment.params, "path");
      const query = parse(spec.query ?? NO_QUERY, Object.fromEntries(new URL(request.url).searchParams), "query");
      const body = spec.body ? parse(spec.body, await readJson(request), "body") : undefined;
      const ctx: ServiceContext = { db: database, principal, meta: requestMeta(request) };
      const result = await handler({ ctx, params, query, body: body as z.infer<B>, request });
      return answer(result);
    } catch (error) {
      if (error instanceof ApiError) return problemResponse(error);
      console.error(error);
      return problemResponse(new ApiError(500, "Internal error", "Something went wrong on our side."));
    }
  };
  // The spec travels with the handler: the OpenAPI document is generated from it.
  return Object.assign(handle, { spec });
}

function parse<T extends z.ZodType | undefined>(schema: T, input: unknown, where: "body" | "query" | "path") {
  // Before the schema, on everything the client sent (unknown keys too): PostgreSQL cannot store
  // a NUL, and a query that tries answers 500. Refused here once for every route.
  const nul = nulPaths(input);
  if (nul.length > 0)
    throw fromZod(
      new z.ZodError(nul.map((path) => ({ code: "custom", path, message: NUL_MESSAGE, input: undefined }))),
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

/**
 * The body as JSON, counted in bytes while it is read: a missing or lying Content-Length cannot
 * get more than MAX_BODY_BYTES past us (reading stops there), and invalid UTF-8 is refused.
 */
async function readJson(request: Request): Promise<unknown> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  if (size === 0) return {};
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) bytes.set(chunk, at), (at += chunk.byteLength);
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw ApiError.badRequest("The body is not valid JSON.", [{ path: "body", message: "Invalid JSON" }]);
  }
}

/**
 * The only place a service's answer becomes HTTP: a `Written` is the body with its perm_version
 * (body and `X-Perm-Version`), 201 when it created something, 202 with the approval ids when some
 * grants became approval requests, 204 when it has no body; a `Download` is an attachment; any
 * other value is a 200 JSON body. A Response (the event stream, metrics) passes through.
 */
function answer(result: unknown): Response {
  if (result instanceof Response) return result;
  if (result instanceof Download) {
    return new Response(result.body, {
      headers: {
        "content-type": result.contentType,
        "content-disposition": `attachment; filename="${result.filename}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  }
  if (!(result instanceof Written)) return Response.json(result, { headers: { "cache-control": "no-store" } });
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (result.permVersion !== null) headers["x-perm-version"] = String(result.permVersion);
  if (result.body === null) return new Response(null, { status: 204, headers });
  const { approvals } = result;
  const pending = approvals.length ? { approvals, approval_ids: approvals.map((a) => a.id) } : {};
  const status = approvals.length ? 202 : result.created ? 201 : 200;
  return Response.json({ ...result.body, ...pending, perm_version: result.permVersion }, { status, headers });
}

async function authenticate(
  request: Request,
  database: Db,
  spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>,
): Promise<Principal> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    // A bearer key decides alone: a cookie sent beside it is ignored, never merged.
    const key = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    const apiKey = key ? await verifyApiKey(database, key) : null;
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
    await auditedRefusal(database, principal, request, async () => {
      if (!apiKey.scopes.includes(spec.scope))
        throw ApiError.forbidden(`The API key lacks the scope "${spec.scope}".`, { missing_scope: spec.scope });
      // A key acts with its creator's authority, never more: the route's permission is checked
      // against the creator now, not only when the key was made.
      if (spec.permission) await authorize(principal, spec.permission);
    });
    return principal;
  }
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) throw ApiError.unauthorized();
  if (!SAFE.has(request.method)) checkOrigin(request);
  const h = await headers();
  const viewer = await viewerOfSession(
    database,
    { userId, sessionVersion: session.sessionVersion, sessionId: session.sessionId },
    h.get("x-tenant-id") ?? (await cookies()).get(TENANT_COOKIE)?.value,
  );
  if (!viewer) throw ApiError.unauthorized("Your session has ended. Sign in again.");
  const principal = userPrincipal(viewer);
  const permission = spec.permission;
  if (permission) await auditedRefusal(database, principal, request, () => authorize(principal, permission));
  return principal;
}

/**
 * Runs a guard; when it refuses (403) a request that would write, the refusal is audited in a
 * transaction of its own (docs/design.md §6: denied admin actions are audited too) before it is answered.
 * Refused reads are answered without an entry: they change nothing and would flood the log.
 */
async function auditedRefusal(
  database: Db,
  principal: Principal,
  request: Request,
  guard: () => Promise<void>,
): Promise<void> {
  try {
    await guard();
  } catch (error) {
    if (error instanceof ApiError && error.status === 403 && !SAFE.has(request.method)) {
      await auditDenied(database, principal.tenantId, principal, requestMeta(request), error, {
        method: request.method,
        path: new URL(request.url).pathname,
      });
    }
    throw error;
  }
}

/** Cookie-authenticated unsafe requests must come from our own origin (CSRF); `Origin: null` is refused. */
function checkOrigin(request: Request) {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let ok = false;
  try {
    ok = origin !== null && origin !== "null" && new URL(origin).host === host;
  } catch {
    ok = false;
  }
  if (!ok)
    throw ApiError.forbidden("Cross-origin request refused: a cookie-authenticated change must come from this site.");
}
