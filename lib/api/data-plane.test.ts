import { createHook } from "node:async_hooks";
import { createServer, request, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { findUserByEmail } from "@/db/queries/users";
import { apiKeys, auditEntries, tenants } from "@/db/schema";
import { seed } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { generateApiKey } from "@/lib/auth/api-keys";
import { CLIENT_IP_HEADER, stampFor } from "@/lib/http/client-ip";
import { dataPlane, type Shell } from "./data-plane";

/**
 * The data plane answers the check routes exactly as the Next route handlers do: the same
 * requests go through both doors (the real route module, as Next calls it, and the data plane
 * behind a real Node HTTP server), on the same database, and the answers are compared byte for
 * byte. The e2e specs (e2e/api-*.spec.ts) run against the data plane through server.mjs.
 */

// The wrapper's session path reaches Auth.js; these requests all carry a key.
vi.mock("@/lib/auth", () => ({ auth: async () => null }));

const DATABASE_KEY = Symbol.for("gatehouse.database");
// Per API key and minute; the budget test spends all of it on a key of its own.
const LIMIT = 100;
let database: TestDatabase;
let server: Server;
let port: number;
let acme: string;
const ids = {} as Record<"admin" | "viewer" | "member", string>;
const keys = {} as Record<"check" | "read" | "viewerCheck" | "revoked" | "limited", string>;
/** Promises created while the server answers a request sent with `x-count-promises` (from its arrival to its answer). */
const promisesOnServer = { count: 0, counting: false };
let next: {
  check: (r: Request, s: { params: Promise<object> }) => Promise<Response>;
  bulk: (r: Request, s: { params: Promise<object> }) => Promise<Response>;
};

// Next's own compression middleware, as server.mjs hands it to the data plane.
const compression = createRequire(import.meta.url)("next/dist/compiled/compression")();
const shell: Shell = { compress: (req, res) => compression(req, res, () => {}) };

async function addKey(name: string, scopes: string[], createdBy: string, revoked = false) {
  const { key, prefix, secretHash } = generateApiKey();
  await database.db.insert(apiKeys).values({
    tenantId: acme,
    name,
    prefix,
    secretHash,
    scopes,
    createdBy,
    revokedAt: revoked ? new Date() : null,
  });
  return key;
}

beforeAll(async () => {
  vi.stubEnv("RATE_LIMIT_CHECK_PER_MINUTE", String(LIMIT));
  vi.stubEnv("RATE_LIMIT_CHECK_BATCH", "4");
  vi.stubEnv("TRUSTED_PROXIES", "127.0.0.1");
  database = await createTestDatabase();
  await seed(database.db);
  (globalThis as Record<symbol, unknown>)[DATABASE_KEY] = Promise.resolve(database);
  acme = (await database.db.select().from(tenants).where(eq(tenants.slug, "acme")))[0]!.id;
  for (const who of ["admin", "viewer", "member"] as const)
    ids[who] = (await findUserByEmail(database.db, `${who}@acme.test`))!.id;
  keys.check = await addKey("dp check", ["check"], ids.admin);
  keys.read = await addKey("dp read", ["read"], ids.admin);
  keys.viewerCheck = await addKey("dp viewer", ["check"], ids.viewer);
  keys.revoked = await addKey("dp revoked", ["check"], ids.admin, true);
  keys.limited = await addKey("dp limited", ["check"], ids.admin);
  next = {
    check: (await import("@/app/api/v1/check/route")).POST as never,
    bulk: (await import("@/app/api/v1/check/bulk/route")).POST as never,
  };
  createHook({
    init(_id, type) {
      if (type === "PROMISE" && promisesOnServer.counting) promisesOnServer.count++;
    },
  }).enable();
  server = createServer((req, res) => {
    if (req.headers["x-count-promises"]) {
      promisesOnServer.count = 0;
      promisesOnServer.counting = true;
      res.once("finish", () => {
        promisesOnServer.counting = false;
      });
    }
    // As server.mjs: the client IP first. The test client stands in for a trusted proxy, so its
    // X-Forwarded-For names the client, as the stamped header does for the Next route.
    dataPlane.stamp(req);
    const serve = dataPlane.route(req);
    if (serve) serve(req, res, shell);
    else res.writeHead(599).end("not the data plane");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  delete (globalThis as Record<symbol, unknown>)[DATABASE_KEY];
  await database.destroy();
});

interface Sent {
  path?: string;
  key?: string | null;
  body?: string | Buffer | Buffer[];
  headers?: Record<string, string>;
}
interface Answer {
  status: number;
  headers: Record<string, string | undefined>;
  body: string;
}
const HEADERS = ["content-type", "cache-control", "retry-after", "x-perm-version"];

/** Through the data plane: a real HTTP request; a list of buffers is sent chunked, one write each. */
function viaDataPlane(sent: Sent, method = "POST"): Promise<Answer & { raw: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const chunked = Array.isArray(sent.body);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-forwarded-for": "203.0.113.7",
      ...(sent.key === null ? {} : { authorization: `Bearer ${sent.key ?? keys.check}` }),
      ...(chunked ? { "transfer-encoding": "chunked" } : {}),
      ...sent.headers,
    };
    const req = request(
      { host: "127.0.0.1", port, path: sent.path ?? "/api/v1/check", method, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const bytes = Buffer.concat(chunks);
          const gzip = res.headers["content-encoding"] === "gzip";
          resolve({
            status: res.statusCode ?? 0,
            headers: Object.fromEntries(HEADERS.map((h) => [h, res.headers[h] as string | undefined])),
            body: (gzip ? gunzipSync(bytes) : bytes).toString("utf8"),
            raw: res.headers,
          });
        });
      },
    );
    req.on("error", reject);
    if (chunked) {
      for (const chunk of sent.body as Buffer[]) req.write(chunk);
      req.end();
    } else req.end(sent.body);
  });
}

/** Through the Next route handler, called as Next calls it. */
async function viaNext(sent: Sent): Promise<Answer> {
  const path = sent.path ?? "/api/v1/check";
  const handler = path.startsWith("/api/v1/check/bulk") ? next.bulk : next.check;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    [CLIENT_IP_HEADER]: stampFor("203.0.113.7"),
    ...(sent.key === null ? {} : { authorization: `Bearer ${sent.key ?? keys.check}` }),
    ...sent.headers,
  };
  const body = Array.isArray(sent.body)
    ? new ReadableStream({
        start(controller) {
          for (const chunk of sent.body as Buffer[]) controller.enqueue(new Uint8Array(chunk));
          controller.close();
        },
      })
    : sent.body;
  const res = await handler(
    new Request(`http://127.0.0.1${path}`, { method: "POST", headers, body, duplex: "half" } as RequestInit),
    { params: Promise.resolve({}) },
  );
  return {
    status: res.status,
    headers: Object.fromEntries(HEADERS.map((h) => [h, res.headers.get(h) ?? undefined])),
    body: await res.text(),
  };
}

async function same(sent: Sent, status: number) {
  const plane = await viaDataPlane(sent);
  const route = await viaNext(sent);
  expect({ status: plane.status, headers: plane.headers, body: plane.body }).toEqual(route);
  expect(plane.status, plane.body).toBe(status);
  return plane;
}

const json = (value: unknown) => JSON.stringify(value);

describe("the data plane answers as the Next route does", () => {
  it("decisions, single and bulk, by user id and by email", async () => {
    const granted = await same({ body: json({ user_id: ids.member, code: "sites.list.view" }) }, 200);
    expect(JSON.parse(granted.body)).toMatchObject({ granted: true, perm_version: expect.any(Number) });
    expect(granted.raw.vary).toBe(
      "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding",
    );
    await same({ body: json({ user_email: "member@acme.test", code: "sites.detail.fields.consumption" }) }, 200);
    await same({ body: json({ user_email: "nobody@nowhere.test", code: "sites.list.view" }) }, 200);
    await same(
      {
        path: "/api/v1/check/bulk",
        body: json({ user_id: ids.member, codes: ["sites.list.view", "sites.list.delete_action"], check_all: true }),
      },
      200,
    );
  });

  it("a check answered from memory creates no promise on the server (Next's AsyncLocalStorage hooks every one)", async () => {
    const body = json({ user_id: ids.member, code: "sites.list.view" });
    await viaDataPlane({ body }); // warms the key, the budget and the user
    for (const path of ["/api/v1/check", "/api/v1/check/bulk"]) {
      const sent = path === "/api/v1/check" ? body : json({ user_id: ids.member, codes: ["sites.list.view"] });
      await viaDataPlane({ path, body: sent });
      // The check budget is leased from the store every RATE_LIMIT_CHECK_BATCH (4) requests: that one waits.
      const counts: number[] = [];
      for (let i = 0; i < 8; i++) {
        const answer = await viaDataPlane({ path, body: sent, headers: { "x-count-promises": "1" } });
        expect(answer.status).toBe(200);
        counts.push(promisesOnServer.count);
      }
      expect(counts.filter((n) => n === 0).length, `${path}: ${counts}`).toBeGreaterThanOrEqual(6);
    }
    // A cold read does create them (so the count above can fail): a user not held yet.
    const body2 = json({ user_id: ids.viewer, code: "sites.list.view", min_perm_version: 1 });
    await viaDataPlane({ body: body2, headers: { "x-count-promises": "1" } });
    expect(promisesOnServer.count).toBeGreaterThan(0);
  });

  it("a large answer is compressed as Next compresses it, and says the same", async () => {
    const codes = Array.from({ length: 500 }, (_, i) => `sites.list.code_${i}`);
    const sent = { path: "/api/v1/check/bulk", body: json({ user_id: ids.member, codes }) };
    const plane = await same({ ...sent, headers: { "accept-encoding": "gzip" } }, 200);
    expect(plane.raw["content-encoding"]).toBe("gzip");
    expect(plane.raw.vary).toContain("Accept-Encoding");
    expect((await viaDataPlane(sent)).raw["content-encoding"]).toBeUndefined();
  });

  it("bad input: an unknown query key, bad JSON, bad UTF-8, unknown and conflicting fields, a NUL, no body", async () => {
    await same(
      { path: "/api/v1/check?tenant_id=x", body: json({ user_id: ids.member, code: "sites.list.view" }) },
      400,
    );
    await same({ body: "{ not json" }, 400);
    await same({ body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) }, 400);
    await same({ body: json({ user_id: ids.member, user_email: "a@b.test", code: "x.y", extra: 1 }) }, 400);
    await same({ body: json({ user_id: ids.member, code: "sites.list.view\u0000" }) }, 400);
    await same({ body: json({ user_id: ids.member, code: "a", context: { "k\u0000": 1 } }) }, 400);
    // A lone surrogate comes only as a JSON escape too (core.ts reads a body without one faster).
    const surrogate = await same(
      { body: json({ user_id: ids.member, code: "sites.list.view", context: { region: "eu\ud800" } }) },
      400,
    );
    expect(surrogate.body).toContain("body.context.region");
    const nul = await same(
      { body: `{"user_id":"${ids.member}","code":"sites.list.view","context":{"\\u0000k":1}}` },
      400,
    );
    expect(nul.body).toContain("NUL");
    await same({}, 400);
    await same({ path: "/api/v1/check/bulk", body: json({ codes: [] }) }, 400);
  });

  it("keys: malformed, unknown and revoked are 401; a key without the scope, or whose creator lacks users.view, 403", async () => {
    const body = json({ user_id: ids.member, code: "sites.list.view" });
    await same({ key: "not-a-key", body }, 401);
    await same({ key: generateApiKey().key, body }, 401);
    await same({ key: keys.revoked, body }, 401);
    await same({ key: "", headers: { authorization: "Basic abc" }, body }, 401);
    const denied = () =>
      database.db
        .select()
        .from(auditEntries)
        .where(and(eq(auditEntries.tenantId, acme), eq(auditEntries.action, "access.denied")));
    const before = (await denied()).length;
    const scope = await same({ key: keys.read, body }, 403);
    expect(JSON.parse(scope.body)).toMatchObject({ missing_scope: "check" });
    // Both doors audited their refusal of a POST, with the client's address.
    const entries = (await denied()).slice(before);
    expect(entries).toHaveLength(2);
    for (const e of entries) expect(e).toMatchObject({ ip: "203.0.113.7", actorLabel: "API key dp read" });
    const creator = await same({ key: keys.viewerCheck, body }, 403);
    expect(JSON.parse(creator.body)).toMatchObject({ missing_permission: "gatehouse.users.view" });
  });

  it("a body over 1,000,000 bytes is 413: from Content-Length at once, or while a chunked body is read", async () => {
    // Declared too large: answered before the body is read (the rest of it never comes).
    const declared = await new Promise<Answer>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path: "/api/v1/check",
          method: "POST",
          agent: false,
          headers: {
            authorization: `Bearer ${keys.check}`,
            "content-length": "5000000",
            "x-forwarded-for": "203.0.113.7",
          },
        },
        (res) => {
          let body = "";
          res.on("data", (c: Buffer) => (body += c));
          res.on("end", () => {
            const headers = Object.fromEntries(HEADERS.map((h) => [h, res.headers[h] as string | undefined]));
            resolve({ status: res.statusCode ?? 0, headers, body });
            req.destroy();
          });
        },
      );
      req.on("error", reject);
      req.write("{");
    });
    const route = await viaNext({ body: "{}", headers: { "content-length": "5000000" } });
    expect(declared).toEqual(route);
    expect(declared.status).toBe(413);
    const big = Buffer.from(json({ user_id: ids.member, code: "x".repeat(1_100_000) }));
    const plane = await same(
      { body: Array.from({ length: 18 }, (_, i) => big.subarray(i * 65536, (i + 1) * 65536)) },
      413,
    );
    expect(plane.raw.connection).toBe("close");
  });

  it("the check budget is shared by both doors; once spent, both answer 429 with Retry-After", async () => {
    const body = json({ user_id: ids.member, code: "sites.list.view" });
    let spent = 0;
    for (let i = 0; i < LIMIT; i++) {
      const res = i % 2 ? await viaDataPlane({ key: keys.limited, body }) : await viaNext({ key: keys.limited, body });
      if (res.status === 200) spent++;
    }
    expect(spent).toBe(LIMIT);
    const plane = await viaDataPlane({ key: keys.limited, body });
    const route = await viaNext({ key: keys.limited, body });
    for (const res of [plane, route]) {
      expect(res.status).toBe(429);
      expect(res.headers["content-type"]).toBe("application/problem+json");
      const wait = Number(res.headers["retry-after"]);
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(JSON.parse(res.body)).toMatchObject({ status: 429, title: "Too many requests", retry_after: wait });
    }
  });
});

describe("which requests the data plane takes", () => {
  it("POST to exactly the check routes with an Authorization header; everything else is Next's", async () => {
    const body = json({ user_id: ids.member, code: "sites.list.view" });
    const key = await addKey("dp routing", ["check"], ids.admin);
    expect((await viaDataPlane({ key, body })).status).toBe(200);
    expect((await viaDataPlane({ key, path: "/api/v1/check/bulk", body: json({ codes: ["a.b"] }) })).status).toBe(400);
    for (const sent of [
      { key: null, body },
      { path: "/api/v1/check/", body },
      { path: "/api/v1/checks", body },
      { path: "/api/v1/%63heck", body },
      { path: "/api/v1/check/bulk/x", body },
    ])
      expect((await viaDataPlane(sent)).status, sent.path).toBe(599);
    expect((await viaDataPlane({ body }, "GET")).status).toBe(599);
  });

  it("records the socket's address when no proxy set X-Forwarded-For, as Next's server does", async () => {
    const before = (await database.db.select().from(auditEntries)).length;
    const res = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path: "/api/v1/check",
          method: "POST",
          headers: { authorization: `Bearer ${keys.read}`, "content-type": "application/json" },
          agent: false,
        },
        (r) => r.resume().on("end", () => resolve(r.statusCode ?? 0)),
      );
      req.on("error", reject);
      req.end("{}");
    });
    expect(res).toBe(403);
    const last = (await database.db.select().from(auditEntries)).slice(before).at(-1);
    expect(last).toMatchObject({ action: "access.denied", ip: "127.0.0.1" });
  });
});
