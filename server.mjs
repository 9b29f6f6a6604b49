/**
 * Gatehouse's server: `npm start`. One process, one port: Next.js, with the data plane in front.
 *
 * External apps call the check routes with an API key on every request of their own, so those
 * are answered by a plain Node handler (lib/api/data-plane.ts) instead of Next's router and
 * route-handler machinery: the same route declarations, the same core rules and services, a
 * leaner shell. Everything else goes to Next's request handler. The data plane is installed by
 * `register()` in instrumentation.ts, inside Next's own server runtime, so its code is bundled by
 * Next with the rest (one copy of every module and process singleton); until it is installed,
 * Next answers those requests too, alike.
 *
 * Options as `next start`: `-p`/`--port` (else PORT, else 3000) and `-H`/`--hostname`.
 */
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname;
process.env.NODE_ENV ??= "production";
// The start-up banner (instrumentation.ts) names the port.
process.env.PORT = String(port);
process.title = "gatehouse";
// Memory (docs/design.md §5, "Memory"): V8 lets the old generation grow to up to four times what
// survived the last full collection before it collects again; with a check path that promotes
// little garbage, that slack was most of an instance's resident memory (peak 259–308 MB with
// 10,000 active users, ~60 MB of it live). Growing by half at most bounds it (~200 MB) at a
// full collection now and then. Set before Next.js loads, while the heap is small; the flag is
// read at each collection. GATEHOUSE_V8_FLAGS replaces it ("" for V8's defaults).
setFlagsFromString(process.env.GATEHOUSE_V8_FLAGS ?? "--heap-growing-percent=50");

const { default: next } = await import("next");
const app = next({ dev: false, hostname: hostname ?? "localhost", port });
await app.prepare();
const handle = app.getRequestHandler();

// Next's router compresses answers with this middleware; the data plane uses it alike (Shell in
// lib/api/data-plane.ts), so both doors answer the check routes header for header.
const require = createRequire(import.meta.url);
const compression = require("next/dist/compiled/compression")();
const { releaseCompressionStream } = require("next/dist/server/lib/release-compression-stream");
const shell = {
  compress(req, res) {
    compression(req, res, () => {});
    res.once("close", () => {
      if (!res.writableFinished) releaseCompressionStream(res);
    });
  },
};
const DATA_PLANE = Symbol.for("gatehouse.data-plane");
const floor = process.env.GATEHOUSE_BENCH_FLOOR === "1" ? benchFloor() : null;

const server = createServer((req, res) => {
  if (floor !== null && req.url === "/__bench/floor") return floor(req, res);
  // A path whose percent-encoding is not UTF-8 (`/api/v1/roles/%FF`, a lone surrogate's bytes)
  // makes Next's router throw and answer a bare 500: it is the client's mistake, answered 400.
  if (malformedPath(req.url ?? "/")) return badPath(req, res);
  // The client IP is worked out here, where the socket is (TRUSTED_PROXIES; lib/http/client-ip.ts),
  // and handed on in this header: whatever a client sent in it is dropped first.
  delete req.headers["x-gatehouse-client-ip"];
  globalThis[DATA_PLANE]?.stamp(req);
  const serve = globalThis[DATA_PLANE]?.route(req);
  if (serve) serve(req, res, shell);
  else void handle(req, res);
});

// An idle keep-alive connection stays open 65 s, not Node's 5 s: a client (or a load balancer)
// that reuses a connection at the moment the server closes it gets ECONNRESET, and proxies
// expect the upstream to wait longer than their own idle timeout (AWS ALB: 60 s). On a signal
// the process still stops at once (below), idle connections or not.
const keepAliveMs = Number(process.env.KEEP_ALIVE_TIMEOUT_MS ?? 65_000);
if (!Number.isInteger(keepAliveMs) || keepAliveMs < 1) {
  console.error(
    `KEEP_ALIVE_TIMEOUT_MS must be a whole number of milliseconds ≥ 1, not "${process.env.KEEP_ALIVE_TIMEOUT_MS}"`,
  );
  process.exit(1);
}
server.keepAliveTimeout = keepAliveMs;
server.headersTimeout = keepAliveMs + 1_000;

server.listen(port, hostname, () => {
  console.log(`  Listening on http://${hostname ?? "localhost"}:${port}`);
});

// As `next start`: stop at once on a signal.
for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => process.exit(0));

/**
 * `npm run bench:http`'s floor, only with GATEHOUSE_BENCH_FLOOR=1 (never in `npm start`): a POST
 * whose body is read and answered with a fixed JSON of a check answer's size, in this process,
 * before any Gatehouse code runs. What the process costs per request with Next loaded, without
 * the check: the check's row is read against it.
 */
function benchFloor() {
  const answer = JSON.stringify({
    granted: true,
    reason: "role",
    via: {
      kind: "role",
      role_id: "00000000-0000-0000-0000-000000000000",
      role: "Floor",
      code: "bench.floor",
      scope: "organization",
    },
    requires_mfa: false,
    deprecated: false,
    replacement: null,
    conditional: false,
    perm_version: 1,
  });
  const headers = [
    "content-type",
    "application/json",
    "cache-control",
    "no-store",
    "content-length",
    String(Buffer.byteLength(answer)),
  ];
  return (req, res) => {
    req.on("data", () => {});
    req.on("end", () => {
      res.writeHead(200, headers);
      res.end(answer);
    });
  };
}

/** Whether the path (not the query) holds a percent-escape that is not valid UTF-8. */
function malformedPath(url) {
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  if (!path.includes("%")) return false;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

/** 400 for a malformed path: problem+json under /api (as every API error), plain text elsewhere. */
function badPath(req, res) {
  const api = (req.url ?? "").startsWith("/api/");
  const detail = "The request path is not valid percent-encoded UTF-8.";
  const body = api
    ? JSON.stringify({
        type: "https://gatehouse.dev/problems/400",
        title: "Invalid request",
        status: 400,
        detail,
        errors: [{ path: "path", message: "Malformed percent-encoding" }],
      })
    : `Bad request: ${detail}\n`;
  res.writeHead(400, [
    "content-type",
    api ? "application/problem+json" : "text/plain; charset=utf-8",
    "cache-control",
    "no-store",
    "content-length",
    String(Buffer.byteLength(body)),
  ]);
  res.end(req.method === "HEAD" ? undefined : body);
}
