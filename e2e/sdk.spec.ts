import { execFileSync } from "node:child_process";
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { baseURL, secondURL } from "../playwright.config";
import type * as Sdk from "../sdk/src/index";
import { createUserWithRole, type FreshUser } from "./support/fresh-user";
import { loginAs, signIn } from "./support/personas";
import { sameOrigin, sameOriginJson } from "./support/same-origin";

/**
 * The client SDK (sdk/, docs/sdk.md) against the real server: the package is built as it ships
 * (sdk/build.mjs) and its ESM bundle imported. Writes go to the first instance (baseURL); the SDK
 * syncs from the second (secondURL: on PostgreSQL another server on the same database, so what
 * reaches the SDK went through LISTEN/NOTIFY; on PGlite the same instance).
 */
test.describe.configure({ mode: "serial", timeout: 90_000 });

const ROOT = path.resolve(import.meta.dirname, "..");
const CODE = "sites.detail.view";
let Gatehouse: typeof Sdk.Gatehouse;
let admin: Page;
let api: APIRequestContext;
let user: FreshUser;
const gates: Sdk.Gatehouse[] = [];

async function createKey(scopes: string[], who: APIRequestContext = api) {
  const res = await who.post("/api/v1/api-keys", {
    headers: sameOriginJson,
    data: { name: `e2e sdk ${Date.now()} ${Math.random()}`, scopes },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; secret: string };
}

async function connect(options: Partial<Sdk.ConnectOptions> & { apiKey: string }) {
  const gate = await Gatehouse.connect({ url: secondURL, ...options });
  gates.push(gate);
  return gate;
}

/** A call with a key, outside any browser context. */
async function withKey(secret: string, method: "GET" | "POST", route: string, body?: unknown) {
  const res = await fetch(`${secondURL}${route}`, {
    method,
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
}

async function assign(userId: string, roleId: string): Promise<number> {
  const res = await api.post(`/api/v1/users/${userId}/roles`, { headers: sameOrigin, data: { role_id: roleId } });
  expect(res.status(), await res.text()).toBe(201);
  return Number(res.headers()["x-perm-version"]);
}

async function unassign(userId: string, roleId: string): Promise<number> {
  const res = await api.delete(`/api/v1/users/${userId}/roles/${roleId}`, { headers: sameOrigin });
  expect(res.status(), await res.text()).toBe(204);
  return Number(res.headers()["x-perm-version"]);
}

/** Polls `probe` every millisecond or so until it holds; the time it took, ms. */
async function until(probe: () => boolean, timeoutMs = 5_000): Promise<number> {
  const started = performance.now();
  while (!probe()) {
    if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return performance.now() - started;
}

test.beforeAll(async ({ browser }) => {
  execFileSync(process.execPath, [path.join(ROOT, "sdk/build.mjs")], { cwd: ROOT, stdio: "pipe" });
  ({ Gatehouse } = (await import(pathToFileURL(path.join(ROOT, "sdk/dist/index.mjs")).href)) as typeof Sdk);
  admin = await browser.newPage({ baseURL });
  await loginAs(admin, "tenantAdmin");
  api = admin.request;
  user = await createUserWithRole(api, baseURL, "SDK", [CODE]);
});

test.afterAll(async () => {
  for (const gate of gates) gate.close();
  await admin?.close();
});

test("a revoke through the API reaches the SDK's memory within a second, and a grant too", async () => {
  const key = await createKey(["check"]);
  const gate = await connect({ apiKey: key.secret });
  expect(await gate.check(user.id, CODE)).toBe(true);
  expect(gate.checkSync(user.id, CODE)).toBe(true);

  const seen: number[] = [];
  for (let round = 0; round < 3; round++) {
    await unassign(user.id, user.roleId);
    // No minPermVersion: only the change stream can tell the SDK.
    seen.push(await until(() => !gate.checkSync(user.id, CODE)));
    await assign(user.id, user.roleId);
    await expect.poll(() => gate.check(user.id, CODE), { timeout: 5_000 }).toBe(true);
  }
  expect(Math.max(...seen)).toBeLessThan(1_000);
  expect(gate.stats().changes).toBeGreaterThanOrEqual(6);
  expect(gate.stats().remote).toBe(0);
});

test("minPermVersion: a check right after a write reflects it, every time", async () => {
  const key = await createKey(["check"]);
  const gate = await connect({ apiKey: key.secret });
  expect(await gate.check(user.id, CODE)).toBe(true);
  for (let round = 0; round < 5; round++) {
    const revoked = await unassign(user.id, user.roleId);
    expect(await gate.check(user.id, CODE, undefined, { minPermVersion: revoked })).toBe(false);
    const granted = await assign(user.id, user.roleId);
    const decision = await gate.decide(user.id, CODE, undefined, { minPermVersion: granted });
    expect(decision).toMatchObject({ granted: true, reason: "role", source: "memory" });
    expect(decision.perm_version).toBeGreaterThanOrEqual(granted);
  }
});

test("another tenant's user is not found, exactly like an unknown id; the SDK decides them as the check API does", async ({
  browser,
}) => {
  const globex = await browser.newPage({ baseURL });
  await signIn(globex, "admin@globex.test");
  await expect(globex.getByRole("heading", { name: /Welcome,/ })).toBeVisible();
  const globexAdmin = ((await (await globex.request.get("/api/v1/me")).json()) as { user: { id: string } }).user.id;
  await globex.close();
  const unknown = "00000000-0000-4000-8000-000000000000";

  const key = await createKey(["check"]);
  const foreign = await withKey(key.secret, "GET", `/api/v1/sync/users/${globexAdmin}`);
  const nobody = await withKey(key.secret, "GET", `/api/v1/sync/users/${unknown}`);
  expect(foreign.status).toBe(404);
  expect(foreign).toEqual(nobody);
  const batch = await withKey(key.secret, "POST", "/api/v1/sync/users", { user_ids: [globexAdmin, unknown, user.id] });
  expect(batch.status).toBe(200);
  expect(new Set(batch.body.not_found as string[])).toEqual(new Set([globexAdmin, unknown]));
  expect((batch.body.users as { userId: string }[]).map((u) => u.userId)).toEqual([user.id]);
  // The policy export says nothing about members.
  const policy = await withKey(key.secret, "GET", "/api/v1/sync/policy");
  expect(policy.status).toBe(200);
  expect(JSON.stringify(policy.body)).not.toContain(user.id);
  expect(Object.keys(policy.body.policy as object)).not.toContain("members");

  const gate = await connect({ apiKey: key.secret });
  const sdk = await gate.decide(globexAdmin, "gatehouse.users.view");
  const remote = await withKey(key.secret, "POST", "/api/v1/check", {
    user_id: globexAdmin,
    code: "gatehouse.users.view",
  });
  expect(comparable(sdk)).toEqual(comparable(remote.body));
  expect(sdk.granted).toBe(false);
});

test("a key without the scope check, or whose creator lost users.view, gets nothing", async ({ browser }) => {
  const read = await createKey(["read"]);
  for (const route of ["/api/v1/sync/policy", "/api/v1/sync/stream", `/api/v1/sync/users/${user.id}`]) {
    const res = await withKey(read.secret, "GET", route);
    expect(res.status, route).toBe(403);
    expect(res.body.missing_scope).toBe("check");
  }
  const check = await createKey(["check"]);
  const malformed = await withKey(check.secret, "GET", "/api/v1/sync/stream?from=yesterday");
  expect(malformed.status).toBe(400);
  expect(malformed.body.errors).toEqual([expect.objectContaining({ path: "query.from" })]);
  expect((await withKey(check.secret, "GET", "/api/v1/sync/stream?since=3")).status).toBe(400);
  await expect(Gatehouse.connect({ url: secondURL, apiKey: read.secret, timeoutMs: 5_000 })).rejects.toMatchObject({
    status: 403,
  });

  // A key made by someone who then loses users.view: within a second it gets nothing, and its stream ends.
  const maker = await createUserWithRole(api, baseURL, "SDK key maker", [
    "gatehouse.api_keys.manage",
    "gatehouse.users.view",
  ]);
  const page = await browser.newPage({ baseURL });
  await signIn(page, maker.email, maker.password);
  await expect(page.getByRole("heading", { name: /Welcome,/ })).toBeVisible();
  const theirs = await createKey(["check"], page.request);
  await page.close();
  expect((await withKey(theirs.secret, "GET", "/api/v1/sync/policy")).status).toBe(200);
  const gate = await connect({ apiKey: theirs.secret });
  expect(await gate.check(user.id, CODE)).toBe(true);
  await unassign(maker.id, maker.roleId);
  // On PostgreSQL the SDK's instance hears of the write by NOTIFY: within a second, as every revocation.
  await expect
    .poll(async () => (await withKey(theirs.secret, "GET", "/api/v1/sync/policy")).status, { timeout: 1_000 })
    .toBe(403);
  const refused = await withKey(theirs.secret, "GET", "/api/v1/sync/policy");
  expect(refused.status).toBe(403);
  expect(refused.body.missing_permission).toBe("gatehouse.users.view");
  expect((await withKey(theirs.secret, "POST", "/api/v1/sync/users", { user_ids: [user.id] })).status).toBe(403);
  await expect.poll(() => gate.stats().reconnects, { timeout: 5_000 }).toBeGreaterThan(0);
});

test("a revoked key's stream ends at once, and the SDK stops answering yes from memory after its bound", async () => {
  const key = await createKey(["check"]);
  const gate = await connect({ apiKey: key.secret, staleAfterMs: 1_500, onStale: "deny" });
  expect(await gate.check(user.id, CODE)).toBe(true);
  const revoked = await api.delete(`/api/v1/api-keys/${key.id}`, { headers: sameOrigin });
  expect(revoked.status()).toBeLessThan(300);
  const revokedAt = performance.now();
  await expect.poll(() => gate.stats().reconnects, { timeout: 5_000 }).toBeGreaterThan(0);
  expect(performance.now() - revokedAt).toBeLessThan(2_500);
  await until(() => !gate.checkSync(user.id, CODE), 3_000);
  expect(await gate.decide(user.id, CODE)).toMatchObject({ granted: false, source: "stale" });
});

test("cut off from the stream, memory stops answering after the bound: 'deny' says no, 'remote' asks the check API; back, it resumes", async () => {
  const proxy = await streamCutter(secondURL);
  try {
    const key = await createKey(["check"]);
    const deny = await connect({ url: proxy.url, apiKey: key.secret, staleAfterMs: 1_000, onStale: "deny" });
    const remote = await connect({ url: proxy.url, apiKey: key.secret, staleAfterMs: 1_000, onStale: "remote" });
    for (const gate of [deny, remote]) expect(await gate.check(user.id, CODE)).toBe(true);
    proxy.cut(true);
    const cutAt = performance.now();
    await until(() => !deny.checkSync(user.id, CODE), 3_000);
    // Never a yes from memory past the bound (with a little for the timer).
    expect(performance.now() - cutAt).toBeLessThan(1_000 + 300);
    expect(await deny.check(user.id, CODE)).toBe(false);
    // Each gate's bound runs from its own last heartbeat.
    await until(() => !remote.stats().fresh, 3_000);
    expect(performance.now() - cutAt).toBeLessThan(1_000 + 300);
    expect(await remote.decide(user.id, CODE)).toMatchObject({ granted: true, source: "remote" });

    // A change while cut off: the resumed stream (from its version) brings it.
    const revoked = await unassign(user.id, user.roleId);
    proxy.cut(false);
    await expect.poll(() => deny.stats().fresh, { timeout: 10_000 }).toBe(true);
    await expect.poll(() => deny.stats().permVersion, { timeout: 5_000 }).toBeGreaterThanOrEqual(revoked);
    // Resumed from its version: told what it missed, not told to drop everything.
    expect(deny.stats().resets).toBe(0);
    await until(() => deny.isLoaded(user.id));
    expect(deny.checkSync(user.id, CODE)).toBe(false);
    expect(await remote.decide(user.id, CODE)).toMatchObject({ granted: false });
    await assign(user.id, user.roleId);
  } finally {
    await proxy.close();
  }
});

test("the SDK and POST /api/v1/check agree on random decisions, with a user capacity smaller than the users asked about", async () => {
  const key = await createKey(["check"]);
  const gate = await connect({ apiKey: key.secret, maxUsers: 3 });
  const listed = await api.get("/api/v1/users?limit=50");
  const users = ((await listed.json()) as { data: { id: string }[] }).data.map((u) => u.id).slice(0, 8);
  const catalog = await api.get("/api/v1/permissions?limit=200");
  const codes = ((await catalog.json()) as { data: { code: string }[] }).data.map((p) => p.code);
  expect(users.length).toBeGreaterThan(3);
  expect(codes.length).toBeGreaterThan(20);

  // Every code for each user through the bulk check (one request each), then full decisions at random.
  const bulkCodes = codes.slice(0, 500);
  for (const id of users) {
    const remote = await withKey(key.secret, "POST", "/api/v1/check/bulk", { user_id: id, codes: bulkCodes });
    expect(remote.status, JSON.stringify(remote.body)).toBe(200);
    const permissions = remote.body.permissions as Record<string, boolean>;
    const granted = await Promise.all(bulkCodes.map((code) => gate.check(id, code)));
    expect(Object.fromEntries(bulkCodes.map((code, i) => [code, granted[i]]))).toEqual(permissions);
  }
  const random = mulberry(Number(process.env.E2E_SEED ?? 16));
  const contexts: (Sdk.DecisionContext | undefined)[] = [
    undefined,
    { resource: { owner_id: users[0]! } },
    { resource: { team_id: "00000000-0000-4000-8000-000000000001" } },
    { resource: { department_id: "00000000-0000-4000-8000-000000000002" } },
  ];
  for (let i = 0; i < 20; i++) {
    const id = users[Math.floor(random() * users.length)]!;
    const code = codes[Math.floor(random() * codes.length)]!;
    const context = contexts[Math.floor(random() * contexts.length)];
    const remote = await withKey(key.secret, "POST", "/api/v1/check", { user_id: id, code, context });
    const sdk = await gate.decide(id, code, context);
    expect(comparable(sdk), `${id} ${code} ${JSON.stringify(context)}`).toEqual(comparable(remote.body));
  }
  const stats = gate.stats();
  expect(stats.cachedUsers).toBeLessThanOrEqual(3);
  expect(stats.userEvictions).toBeGreaterThan(0);
  expect(stats.remote).toBe(0);
});

/** A decision without what differs by door: the version it was made at, where it came from. */
function comparable(decision: Record<string, unknown> | Sdk.SdkDecision) {
  const { perm_version: _v, source: _s, conditional, ...rest } = decision as Record<string, unknown>;
  return { ...rest, conditional: conditional === true };
}

/** A small seeded generator: the random decisions are the same on every run (E2E_SEED changes them). */
function mulberry(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A reverse proxy in front of Gatehouse that can cut the change stream (its open responses are
 * destroyed, new ones refused) while every other route passes: a network that loses the stream.
 */
async function streamCutter(upstream: string) {
  const target = new URL(upstream);
  const streams = new Set<ServerResponse>();
  let cut = false;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const isStream = req.url?.startsWith("/api/v1/sync/stream") === true;
    if (isStream && cut) return void res.destroy();
    const forward = httpRequest(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.destroy());
    if (isStream) {
      streams.add(res);
      res.on("close", () => {
        streams.delete(res);
        forward.destroy();
      });
    }
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut(on: boolean) {
      cut = on;
      if (on) for (const res of streams) res.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of streams) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
