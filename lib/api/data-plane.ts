import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { BULK_CHECK, CHECK } from "@/lib/api/check-routes";
import { type AnySpec, type ApiRequest, type HandlerInput, MAX_BODY_BYTES, type Raw, serve } from "@/lib/api/core";
import { problemReply, type Reply } from "@/lib/api/problem";
import { ApiError } from "@/lib/errors";
import { type HeaderSource, stampClientIp, trustedProxies } from "@/lib/http/client-ip";
import { requestMeta } from "@/lib/http/request-meta";
import type { MaybePromise } from "@/lib/maybe-promise";
import { recordDataPlane } from "@/lib/observability/metrics";
import { decisionLogSettings } from "@/lib/permissions/decision-log";
import { singleton } from "@/lib/singleton";

/**
 * The data plane: the check routes answered to API keys by a plain Node handler, in front of
 * Next's router (server.mjs asks it first). External apps call them on every request of their
 * own, and Next's route-handler machinery costs more than the decision itself. Same declarations
 * (check-routes.ts), same core (core.ts: every rule of the wrapper), same services: only the
 * HTTP shell is leaner.
 *
 * It takes a request only when it is POST to exactly /api/v1/check or /api/v1/check/bulk with an
 * Authorization header (which decides alone, as in the wrapper). Everything else — sessions
 * (Auth.js needs Next), other methods (Next's 405), other paths — goes to Next, which answers
 * with the same route and the same contract.
 */

type Endpoint = {
  spec: AnySpec;
  handler: (input: HandlerInput<never, never, never>) => MaybePromise<unknown>;
  name: "check" | "bulk";
};

const ROUTES = new Map<string, Endpoint>([
  ["/api/v1/check", { ...(CHECK as unknown as Endpoint), name: "check" }],
  ["/api/v1/check/bulk", { ...(BULK_CHECK as unknown as Endpoint), name: "bulk" }],
]);

/**
 * What Next's own shell does to a route handler's answer that the data plane must do alike:
 * server.mjs passes Next's compression middleware, installed on one response.
 */
export interface Shell {
  compress(req: IncomingMessage, res: ServerResponse): void;
}

export interface DataPlane {
  /** Called on every request first, whoever answers it: resolves the client IP from the socket (lib/http/client-ip.ts). */
  stamp(req: IncomingMessage): void;
  /** The handler for this request, or null: Next answers it. */
  route(req: IncomingMessage): ((req: IncomingMessage, res: ServerResponse, shell: Shell) => void) | null;
}

export const dataPlane: DataPlane = {
  stamp: (req) => stampClientIp(req),
  route(req) {
    if (req.method !== "POST" || req.headers.authorization === undefined) return null;
    const url = req.url ?? "";
    const q = url.indexOf("?");
    const pathname = q < 0 ? url : url.slice(0, q);
    const endpoint = ROUTES.get(pathname);
    if (!endpoint) return null;
    return (req, res, shell) => receive(endpoint, req, res, shell, pathname, q < 0 ? "" : url.slice(q + 1));
  },
};

/** Puts the data plane where server.mjs finds it (lib/singleton.ts: `Symbol.for("gatehouse.data-plane")`). */
export function installDataPlane() {
  // A malformed TRUSTED_PROXIES (or decision-log setting) stops the start here, not at the first request.
  trustedProxies(process.env.TRUSTED_PROXIES);
  decisionLogSettings();
  singleton("data-plane", () => dataPlane);
}

/** Next's App Router marks every route answer so (base-server.ts setVaryHeader); its compression adds Accept-Encoding. */
const VARY = "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch";
const VARY_UNCOMPRESSED = `${VARY}, Accept-Encoding`;
/** The compression middleware leaves bodies under this many bytes alone (its default threshold). */
const COMPRESS_FROM = 1024;

/**
 * The body is read first, by callbacks, and the core runs once it is all here: then every step of
 * a request served from memory answers synchronously (core.ts, lib/maybe-promise.ts) — no
 * promise, so none of the per-promise hooks that Next's AsyncLocalStorage puts on the process.
 */
function receive(
  endpoint: Endpoint,
  req: IncomingMessage,
  res: ServerResponse,
  shell: Shell,
  pathname: string,
  search: string,
) {
  recordDataPlane(endpoint.name);
  prereadBody(req, (body) => {
    const result = serve(
      endpoint.spec,
      nodeRequest(req, pathname, search, body),
      undefined,
      noSession,
      endpoint.handler,
    );
    if (result instanceof Promise)
      result.then(
        (r) => settle(r, req, res, shell),
        (error: unknown) => settle(failure(error), req, res, shell),
      );
    else settle(result, req, res, shell);
  });
}

/**
 * `send`, guarded: it runs inside the request stream's own event (the body's end) when the answer
 * came from memory, where a throw would escape to the process. A bug there is logged and the
 * connection dropped, as a failed answer is.
 */
function settle(result: Reply | Raw, req: IncomingMessage, res: ServerResponse, shell: Shell) {
  try {
    send(result, req, res, shell);
  } catch (error) {
    console.error(error);
    res.destroy();
  }
}

/** `serve` answers every error itself; anything else reaching here is a bug, logged and answered 500. */
function failure(error: unknown): Reply {
  console.error(error);
  return problemReply(new ApiError(500, "Internal error", "Something went wrong on our side."));
}

function send(result: Reply | Raw, req: IncomingMessage, res: ServerResponse, shell: Shell) {
  const reply = "raw" in result ? failure(new Error("data plane: a check route answered with a stream")) : result;
  if (res.destroyed) return;
  const length = reply.body === null ? 0 : Buffer.byteLength(reply.body);
  // Only a body the middleware would compress goes through it (it costs a stream per answer).
  if (reply.body !== null && length >= COMPRESS_FROM && acceptsEncoding(req)) {
    res.statusCode = reply.status;
    for (const name in reply.headers) res.setHeader(name, reply.headers[name] as string);
    if (reply.status === 413) res.setHeader("connection", "close");
    res.setHeader("vary", VARY);
    shell.compress(req, res);
    res.end(reply.body);
    return;
  }
  // A smaller one, or one for a client that accepts no encoding, gets the Vary the middleware
  // would have added, and every header in one call (Node's fast path for a flat list).
  const headers: string[] = [];
  for (const name in reply.headers) headers.push(name, reply.headers[name] as string);
  headers.push("vary", VARY_UNCOMPRESSED);
  if (reply.body !== null) headers.push("content-length", String(length));
  // A body refused for its size may still be arriving: close rather than read the rest of it.
  if (reply.status === 413) headers.push("connection", "close");
  res.writeHead(reply.status, headers);
  res.end(reply.body ?? undefined);
}

/** Whether the compression middleware could encode an answer to this request (gzip, deflate, br or any). */
function acceptsEncoding(req: IncomingMessage): boolean {
  const accept = req.headers["accept-encoding"];
  return accept !== undefined && /gzip|deflate|br|\*/i.test(accept);
}

/** Only requests with an Authorization header come here (`route`): no session is ever read. */
async function noSession(): Promise<never> {
  throw new Error("data plane: a request without an Authorization header");
}

function nodeRequest(req: IncomingMessage, pathname: string, search: string, body: Body): ApiRequest {
  const header = (name: string): string | null => {
    const value = req.headers[name];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(", ") : value;
  };
  // The client IP is in the header server.mjs stamped (stampClientIp), read as Next's routes read it.
  const headers: HeaderSource = { get: header };
  return {
    method: "POST",
    pathname,
    search,
    header,
    readBody(take) {
      if (body.error) throw body.error;
      for (const chunk of body.chunks) if (!take(chunk)) return;
    },
    meta: () => requestMeta({ headers }),
  };
}

/** The body as it came: its chunks (at most one past MAX_BODY_BYTES), or the stream's error. */
interface Body {
  chunks: Buffer[];
  error: Error | null;
}

/**
 * Node's request body, chunk by chunk, then `done`. A body declared over MAX_BODY_BYTES is not
 * read at all (the core refuses it first), and reading stops once more than that has come,
 * without destroying the socket: the 413 is still to be sent on it (with `connection: close`).
 * A client gone before the end: what came is parsed, and the answer finds no one to send to.
 */
function prereadBody(req: IncomingMessage, done: (body: Body) => void) {
  const body: Body = { chunks: [], error: null };
  if (req.readableEnded || Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return done(body);
  let size = 0;
  const finish = (error?: Error) => {
    req.off("data", onData).off("end", onEnd).off("close", onEnd).off("error", finish);
    if (error) body.error = error;
    done(body);
  };
  const onData = (chunk: Buffer) => {
    body.chunks.push(chunk);
    size += chunk.byteLength;
    if (size <= MAX_BODY_BYTES) return;
    req.pause();
    finish();
  };
  const onEnd = () => finish();
  req.on("data", onData).on("end", onEnd).on("close", onEnd).on("error", finish);
}
