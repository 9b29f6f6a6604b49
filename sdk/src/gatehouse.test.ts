import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { findUserByEmail } from "@/db/queries/users";
import { apiKeys, tenants } from "@/db/schema";
import { closeWorld, driver, openWorld, type World } from "@/lib/api/testing/harness";
import { serveRoutes } from "@/lib/api/testing/route-server";
import { generateApiKey } from "@/lib/auth/api-keys";
import type { DecisionContext } from "@/lib/permissions/types";
import { Gatehouse, type SdkDecision } from "./index";

/**
 * The SDK against the real sync and check routes (the route handlers, services and database of
 * the seeded demo world, behind a real HTTP server): on random sequences of writes through the
 * API — roles assigned and removed, overrides, grants added and removed, the stream dropped —
 * the SDK and `POST /api/v1/check` answer alike, with a user capacity smaller than the users
 * asked about (evictions), with `minPermVersion` at once and without it once the stream brought
 * the change. Only the session is faked (nobody is signed in: every call carries an API key).
 */
vi.mock("@/lib/auth", () => ({ auth: async () => null }));

let world: World;
let server: Awaited<ReturnType<typeof serveRoutes>>;
let gate: Gatehouse;
let key: string;
let users: string[] = [];
let roles: string[] = [];
let codes: string[] = [];

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    version: Number(res.headers.get("x-perm-version") ?? Number.NaN),
    body: (text ? JSON.parse(text) : null) as Record<string, unknown>,
  };
}

beforeAll(async () => {
  // Every decision is compared with the check API's: its budget must not be what answers.
  vi.stubEnv("RATE_LIMIT_CHECK_PER_MINUTE", "100000000");
  world = await openWorld();
  const { db } = world.database;
  const acme = (await db.select().from(tenants).where(eq(tenants.slug, "acme")))[0]!.id;
  const admin = (await findUserByEmail(db, "admin@acme.test"))!.id;
  const made = generateApiKey();
  await db.insert(apiKeys).values({
    tenantId: acme,
    name: "sdk test",
    prefix: made.prefix,
    secretHash: made.secretHash,
    scopes: ["check", "read", "write"],
    createdBy: admin,
  });
  key = made.key;
  server = await serveRoutes(world.routes);
  // The key's creator must keep their authority: their user and the Admin role are left alone.
  const listed = await api("GET", "/api/v1/users?limit=50");
  // A few more users than the SDK keeps: some are evicted, most are held when a change names them.
  users = (listed.body.data as { id: string }[])
    .map((u) => u.id)
    .filter((id) => id !== admin)
    .slice(0, 5);
  const roleList = await api("GET", "/api/v1/roles?limit=50");
  roles = (roleList.body.data as { id: string; grants_all: boolean }[]).filter((r) => !r.grants_all).map((r) => r.id);
  const policy = await api("GET", "/api/v1/sync/policy");
  const permissions = (policy.body.policy as { permissions: { code: string; requiresApproval: boolean }[] })
    .permissions;
  codes = permissions.filter((p) => !p.requiresApproval).map((p) => p.code);
  gate = await Gatehouse.connect({ url: server.url, apiKey: key, maxUsers: 3 });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  gate?.close();
  await server?.close();
  await closeWorld(world);
});

const comparable = (d: Record<string, unknown> | SdkDecision) => {
  const { perm_version: _v, source: _s, conditional, ...rest } = d as Record<string, unknown>;
  return { ...rest, conditional: conditional === true };
};

type Op =
  | { kind: "assign" | "unassign"; user: number; role: number }
  | { kind: "override"; user: number; code: number; effect: "allow" | "deny" | "inherit" }
  | { kind: "grant" | "revoke"; role: number; code: number }
  | { kind: "drop" };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom("assign" as const, "unassign" as const), user: fc.nat(), role: fc.nat() }),
  fc.record({
    kind: fc.constant("override" as const),
    user: fc.nat(),
    code: fc.nat(),
    effect: fc.constantFrom("allow" as const, "deny" as const, "inherit" as const),
  }),
  fc.record({ kind: fc.constantFrom("grant" as const, "revoke" as const), role: fc.nat(), code: fc.nat() }),
  fc.constant({ kind: "drop" as const }),
);

/** Writes that took effect, by kind: the sequences must really change things. */
const written = { assign: 0, unassign: 0, override: 0, grant: 0, revoke: 0 };

const pick = <T>(list: T[], i: number) => list[i % list.length] as T;

/** Applies one write through the API; the perm_version it answered (or null: refused, or no write). */
async function apply(o: Op): Promise<number | null> {
  if (o.kind === "drop") {
    server.dropStreams();
    return null;
  }
  let res: Awaited<ReturnType<typeof api>>;
  if (o.kind === "assign" || o.kind === "unassign") {
    const user = pick(users, o.user);
    const role = pick(roles, o.role);
    res =
      o.kind === "assign"
        ? await api("POST", `/api/v1/users/${user}/roles`, { role_id: role })
        : await api("DELETE", `/api/v1/users/${user}/roles/${role}`);
  } else if (o.kind === "override") {
    res = await api("PUT", `/api/v1/users/${pick(users, o.user)}/permissions`, {
      permissions: [{ code: pick(codes, o.code), effect: o.effect }],
    });
  } else {
    const g = o as Extract<Op, { kind: "grant" | "revoke" }>;
    const role = pick(roles, g.role);
    const { version } = (await api("GET", `/api/v1/roles/${role}`)).body as { version: number };
    res = await api(g.kind === "grant" ? "POST" : "DELETE", `/api/v1/roles/${role}/permissions`, {
      version,
      codes: [pick(codes, g.code)],
    });
  }
  if (res.status >= 300 || !Number.isFinite(res.version)) return null;
  written[o.kind]++;
  return res.version;
}

const contexts: (DecisionContext | undefined)[] = [undefined, undefined, { resource: { owner_id: "x" } }];

describe(`the SDK answers as the check API does (${driver})`, () => {
  it("on random sequences of writes, drops of the stream and evictions", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 5 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat({ max: 2 })), { minLength: 2, maxLength: 4 }),
        async (ops, asks) => {
          let latest = 0;
          for (const o of ops) {
            // The users a write touches (a grant: everyone) are asked about before it (so they are
            // held when the change arrives) and after it, with whatever else was drawn.
            const touched = "user" in o ? [pick(users, o.user)] : "role" in o && "code" in o ? users : [];
            for (const user of touched) await gate.check(user, pick(codes, 0));
            const version = await apply(o);
            if (version === null) continue;
            latest = Math.max(latest, version);
            const pairs: [string, string, DecisionContext | undefined][] = [
              ...touched.map((user): [string, string, undefined] => [
                user,
                "code" in o ? pick(codes, o.code) : pick(codes, 0),
                undefined,
              ]),
              ...asks.map(([u, c, x]): [string, string, DecisionContext | undefined] => [
                pick(users, u),
                pick(codes, c),
                contexts[x],
              ]),
            ];
            // Read-your-writes: at once, whatever the stream has brought so far.
            for (const [user, code, context] of pairs) {
              const sdk = await gate.decide(user, code, context, { minPermVersion: version });
              const remote = await api("POST", "/api/v1/check", { user_id: user, code, context });
              expect(comparable(sdk), `${o.kind} ${user} ${code}`).toEqual(comparable(remote.body));
            }
          }
          // Without a floor: once the stream has brought the last write, memory agrees.
          await vi.waitFor(() => expect(gate.stats().permVersion).toBeGreaterThanOrEqual(latest), { timeout: 5_000 });
          for (const [u, c] of asks) {
            const user = pick(users, u);
            const sample = [pick(codes, c), pick(codes, c + 7), pick(codes, c + 31)];
            const remote = await api("POST", "/api/v1/check/bulk", { user_id: user, codes: sample });
            const sdk = await Promise.all(sample.map((code) => gate.check(user, code)));
            expect(Object.fromEntries(sample.map((code, i) => [code, sdk[i]]))).toEqual(remote.body.permissions);
          }
        },
      ),
      { numRuns: Number(process.env.SDK_AGREEMENT_RUNS ?? 12) },
    );
    const stats = gate.stats();
    expect(stats.cachedUsers).toBeLessThanOrEqual(3);
    expect(stats.userEvictions).toBeGreaterThan(0);
    expect(stats.remote).toBe(0);
    expect(stats.changes).toBeGreaterThan(5);
    expect(Object.values(written).filter((n) => n > 0).length, JSON.stringify(written)).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it("opens, and reopens after an outage longer than its bound, over a stream that is slow to answer", async () => {
    server.slowStreams(600);
    try {
      const slow = await Gatehouse.connect({ url: server.url, apiKey: key, staleAfterMs: 400, onStale: "deny" });
      try {
        const user = pick(users, 0);
        await slow.check(user, pick(codes, 0));
        server.dropStreams();
        await vi.waitFor(() => expect(slow.stats().fresh).toBe(false), { timeout: 3_000 });
        // Each reconnection takes longer than the bound to say where it stands: it must not be cut for it.
        await vi.waitFor(() => expect(slow.stats().fresh).toBe(true), { timeout: 10_000 });
        expect(slow.stats().reconnects).toBeGreaterThan(0);
      } finally {
        slow.close();
      }
    } finally {
      server.slowStreams(0);
    }
  });

  it("keeps at most maxUsers users, and answers for the evicted ones by fetching them again", async () => {
    const before = gate.stats().usersLoaded;
    for (const user of users) await gate.check(user, pick(codes, 0));
    for (const user of users) await gate.check(user, pick(codes, 0));
    const stats = gate.stats();
    expect(stats.cachedUsers).toBeLessThanOrEqual(3);
    // More users than the capacity, asked twice in turn: each second round fetched them again.
    expect(users.length).toBeGreaterThan(3);
    expect(stats.usersLoaded - before).toBeGreaterThan(users.length);
    expect(users.filter((u) => gate.isLoaded(u)).length).toBeLessThanOrEqual(3);
  });
});
