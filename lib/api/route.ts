import "server-only";
import { cookies, headers } from "next/headers";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { type AnySpec, type ApiRequest, auditedRefusal, type RouteSpec, serve } from "@/lib/api/core";
import { toResponse } from "@/lib/api/problem";
import { auth } from "@/lib/auth";
import { authorize } from "@/lib/auth/authorize";
import { type Principal, userPrincipal } from "@/lib/auth/principal";
import { TENANT_COOKIE } from "@/lib/auth/session";
import { viewerOfSession } from "@/lib/auth/viewer";
import { ApiError } from "@/lib/errors";
import { requestMeta } from "@/lib/http/request-meta";
import type { MaybePromise } from "@/lib/maybe-promise";
import type { ServiceContext } from "@/lib/services/context";

export type { RouteSpec } from "@/lib/api/core";
export { MAX_BODY_BYTES } from "@/lib/api/core";

/** What a handler gets: the service context (`ctx`), the parsed input and the request. */
export interface RouteContext<P, Q, B> {
  ctx: ServiceContext;
  /** Who is calling; null only on an `anonymous` route called without a session. */
  caller: Principal | null;
  params: P;
  query: Q;
  body: B;
  request: Request;
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The one wrapper of every /api/v1 route handler: the Next shell around `serve` (core.ts), which
 * authenticates (API key or session), resolves the tenant, parses path, query and body with zod
 * (strict schemas refuse unknown keys), checks the declared permission through the engine, and
 * maps errors to application/problem+json. Only the session is read here: it needs Next.
 */
export function route<
  P extends z.ZodType = z.ZodUnknown,
  Q extends z.ZodType = z.ZodUnknown,
  B extends z.ZodType = z.ZodUnknown,
>(spec: RouteSpec<P, Q, B>, handler: (ctx: RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>>) => MaybePromise<unknown>) {
  const handle = async (
    request: Request,
    segment: { params: Promise<Record<string, string | string[]>> },
  ): Promise<Response> => {
    const url = new URL(request.url);
    const req: ApiRequest = {
      method: request.method,
      pathname: url.pathname,
      search: url.search.slice(1),
      header: (name) => request.headers.get(name),
      readBody: (take) => readBody(request, take),
      meta: () => requestMeta(request),
    };
    const reply = await serve(
      spec as AnySpec,
      req,
      await segment.params,
      (database) => authenticateSession(request, req, database, spec as AnySpec),
      (input) => handler({ ...input, request }),
    );
    if (!("raw" in reply)) return toResponse(reply);
    const { raw } = reply;
    if (raw instanceof Response) return raw;
    return new Response(raw.body, {
      headers: {
        "content-type": raw.contentType,
        "content-disposition": `attachment; filename="${raw.filename}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  };
  // The spec travels with the handler: the OpenAPI document is generated from it.
  return Object.assign(handle, { spec });
}

/** A Fetch body, chunk by chunk; when `take` refuses one, the stream is cancelled (the rest is never read). */
async function readBody(request: Request, take: (chunk: Uint8Array) => boolean): Promise<void> {
  if (!request.body) return;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    if (!take(value)) {
      await reader.cancel().catch(() => undefined);
      return;
    }
  }
}

async function authenticateSession(
  request: Request,
  req: ApiRequest,
  database: Db,
  spec: AnySpec,
): Promise<Principal | null> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId && spec.anonymous) return null;
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
  if (permission) await auditedRefusal(database, principal, req, () => authorize(principal, permission));
  return principal;
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
