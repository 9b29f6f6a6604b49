import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Command } from "commander";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { addCheckStats } from "@/db/queries/check-stats";
import { addUserCheckStats } from "@/db/queries/decisions";
import { apiKeys, auditEntries, memberships, tenants, users } from "@/db/schema";
import { closeWorld, driver, openWorld, type World } from "@/lib/api/testing/harness";
import { serveRoutes } from "@/lib/api/testing/route-server";
import { generateApiKey } from "@/lib/auth/api-keys";
import { permissionCache } from "@/lib/permissions/server";
import { type OpsDeps, opsCommands } from "./ops";
import { captured, captureOutput, runParsed } from "./testing";

/**
 * The operator commands on the database (the seeded demo world, either driver), parsed by
 * commander as the command line would be; the world's database stands for the server's (and is
 * not closed after each command, since it outlives them).
 */
vi.mock("@/lib/auth", async () => (await import("@/lib/api/testing/fake-session")).fakeAuth);
vi.mock("next/headers", async () => (await import("@/lib/api/testing/fake-session")).fakeHeaders);

let world: World;
let dir: string;
const { out, err } = captured;
let acme: string;

function gatehouse(...argv: string[]) {
  const deps: OpsDeps = {
    database: async () => world.database,
    rawDatabase: async () => world.database,
    release: async () => undefined,
  };
  return runParsed(opsCommands(deps).find((c: Command) => c.name() === argv[0])!, argv.slice(1));
}
const json = () => JSON.parse(out.join(""));
const permVersion = async () =>
  (await world.database.db.select({ v: tenants.permVersion }).from(tenants).where(eq(tenants.id, acme)))[0]!.v;
const auditCount = async () =>
  (await world.database.db.select({ n: count() }).from(auditEntries).where(eq(auditEntries.tenantId, acme)))[0]!.n;

beforeAll(async () => {
  world = await openWorld();
  dir = await mkdtemp(path.join(tmpdir(), "gatehouse-ops-"));
  vi.stubEnv("GATEHOUSE_CLI_CWD", dir);
  acme = (await world.database.db.select().from(tenants).where(eq(tenants.slug, "acme")))[0]!.id;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await closeWorld(world);
});
beforeEach(captureOutput);

const as = ["--as", "admin@acme.test", "--tenant", "acme"];

describe(`gatehouse operator commands (${driver})`, () => {
  it("migrate-legacy-menus: a dry run writes nothing; the run grants through the rules in one audit entry; again, nothing", async () => {
    // The catalog's mapping: every seeded role that holds sites.list.view already has sites.module.root.
    await writeFile(path.join(dir, "mapping.json"), JSON.stringify({ sites: ["sites.detail.tabs.alerts"] }));
    const [v0, a0] = [await permVersion(), await auditCount()];
    expect(await gatehouse("migrate-legacy-menus", ...as, "--mapping", "mapping.json", "--dry-run", "--json")).toBe(0);
    const dry = json();
    expect(dry.dry_run).toBe(true);
    expect(dry.roles.map((r: { role: string }) => r.role)).toContain("Field Engineer");
    expect(Array.isArray(dry.skipped)).toBe(true);
    expect([await permVersion(), await auditCount()]).toEqual([v0, a0]);

    expect(await gatehouse("migrate-legacy-menus", ...as, "--mapping", "mapping.json")).toBe(0);
    expect(out.join("\n")).toMatch(/Field Engineer \(legacy sites\): \+ sites\.detail\.tabs\.alerts/);
    expect(await permVersion()).toBe(v0 + 1);
    expect(await auditCount()).toBe(a0 + 1);
    const [entry] = await world.database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, acme), eq(auditEntries.action, "policy.legacy_menus_migrated")));
    expect((entry!.after as { roles: unknown[] }).roles.length).toBe(dry.roles.length);

    expect(await gatehouse("migrate-legacy-menus", ...as, "--mapping", "mapping.json", "--json")).toBe(0);
    expect(json().roles).toEqual([]);
    expect([await permVersion(), await auditCount()]).toEqual([v0 + 1, a0 + 1]);
    // The catalog's own mapping runs too (and is idempotent on the seeded world).
    expect(await gatehouse("migrate-legacy-menus", ...as, "--json")).toBe(0);
    expect(await gatehouse("migrate-legacy-menus", ...as, "--json")).toBe(0);
    expect(json().roles).toEqual([]);
    // A member may not; a malformed mapping is said by its path.
    expect(await gatehouse("migrate-legacy-menus", "--as", "member@acme.test", "--tenant", "acme")).toBe(1);
    expect(err[0]).toMatch(/^Refused \(403\)/);
    await writeFile(path.join(dir, "bad.json"), JSON.stringify({ Sites: [] }));
    expect(await gatehouse("migrate-legacy-menus", ...as, "--mapping", "bad.json")).toBe(1);
  });

  it("cache clear and warm reach a listening instance through the change channel", async () => {
    const cache = await permissionCache();
    await cache.listen();
    const heard = async (pred: () => boolean) => {
      for (let i = 0; i < 200 && !pred(); i++) await new Promise((r) => setTimeout(r, 10));
      expect(pred()).toBe(true);
    };
    const flushes = cache.stats.flushes;
    expect(await gatehouse("cache", "clear")).toBe(0);
    await heard(() => cache.stats.flushes > flushes);

    const day = new Date().toISOString().slice(0, 10);
    const [admin] = await world.database.db.select().from(users).where(eq(users.email, "admin@acme.test"));
    await addCheckStats(world.database.db, [{ tenantId: acme, code: "sites.list.view", day, allowed: 5, denied: 1 }]);
    await addUserCheckStats(world.database.db, [
      { tenantId: acme, userId: admin!.id, day, allowed: 5, denied: 1, lastAt: Date.now() },
    ]);
    const warmed = cache.warmed;
    expect(await gatehouse("cache", "warm", "--json")).toBe(0);
    expect(json().tenants[0]).toMatchObject({ tenant_id: acme, users: 1 });
    await heard(() => cache.warmed > warmed);
    expect(cache.held(acme, [admin!.id])).toBeDefined();
  });

  it("audit verify and export (CSV and JSON lines, to a file)", async () => {
    expect(await gatehouse("audit", "verify", ...as, "--json")).toBe(0);
    expect(json()).toMatchObject({ ok: true });
    expect(await gatehouse("audit", "export", ...as, "-o", "audit.csv")).toBe(0);
    const csv = (await readFile(path.join(dir, "audit.csv"), "utf8")).split("\r\n");
    expect(csv[0]).toContain("seq,created_at");
    expect(csv.length - 2).toBe(await auditCount());
    expect(await gatehouse("audit", "export", ...as, "--format", "jsonl", "-o", "audit.jsonl")).toBe(0);
    const lines = (await readFile(path.join(dir, "audit.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(await auditCount());
    expect(lines[0].seq).toBeGreaterThan(lines.at(-1).seq);
    expect(await gatehouse("audit", "verify", "--as", "member@acme.test", "--tenant", "acme")).toBe(1);
  });

  it("users import: a dry run writes nothing; the import is all or nothing, and again finds them there", async () => {
    const file = path.join(dir, "people.csv");
    await writeFile(
      file,
      'email,name,roles\nnew.one@acme.test,New One,Field Engineer\n"NEW.TWO@acme.test","Two, New",Field Engineer; Sales Rep\nmember@acme.test,Max,\n',
    );
    const members = async () =>
      (await world.database.db.select({ n: count() }).from(memberships).where(eq(memberships.tenantId, acme)))[0]!.n;
    const before = await members();
    expect(await gatehouse("users", "import", "people.csv", ...as, "--dry-run", "--json")).toBe(0);
    expect(json().rows.map((r: { outcome: string }) => r.outcome)).toEqual(["created", "created", "exists"]);
    expect(await members()).toBe(before);

    expect(await gatehouse("users", "import", "people.csv", ...as)).toBe(0);
    expect(out.at(-1)).toMatch(/^2 created · 0 invited · 1 already there/);
    expect(await members()).toBe(before + 2);
    expect(await gatehouse("users", "import", "people.csv", ...as, "--json")).toBe(0);
    expect(json().rows.every((r: { outcome: string }) => r.outcome === "exists")).toBe(true);

    await writeFile(file, "email,name,roles\nthree@acme.test,Three,No Such Role\nnot-an-email,Four,\n");
    const v = await permVersion();
    expect(await gatehouse("users", "import", "people.csv", ...as)).toBe(1);
    expect(err).toContain("  file.line 3.email: Invalid email address");
    await writeFile(file, "email,name,roles\nthree@acme.test,Three,No Such Role\n");
    expect(await gatehouse("users", "import", "people.csv", ...as)).toBe(1);
    expect(err).toContain("  file.line 2.roles: No role named No Such Role");
    expect([await members(), await permVersion()]).toEqual([before + 2, v]);
  });

  it("doctor: says what is right and what is wrong, in words", async () => {
    vi.stubEnv("TRUSTED_PROXIES", "not-an-address");
    vi.stubEnv("AUTH_SECRET", "short");
    expect(await gatehouse("doctor", "--json")).toBe(1);
    const { findings } = json();
    const by = Object.fromEntries(findings.map((f: { check: string }) => [f.check, f]));
    expect(by.migrations).toMatchObject({ ok: true });
    expect(by.listen).toMatchObject({ ok: true });
    expect(by.secret).toMatchObject({ ok: false, detail: expect.stringMatching(/at least 32/) });
    expect(by["trusted proxies"]).toMatchObject({ ok: false });
    vi.stubEnv("TRUSTED_PROXIES", "");
    vi.stubEnv("AUTH_SECRET", "x".repeat(40));
    expect(await gatehouse("doctor")).toBe(0);
    expect(out.at(-1)).toBe("Everything looks right.");
  });
});

/**
 * The same commands with `--url`: a real HTTP server (the route handlers of routes.ts behind
 * node:http, on the same database) and API keys of Acme's admin, as an operator would call it.
 */
describe(`gatehouse operator commands over --url (${driver})`, () => {
  let server: Awaited<ReturnType<typeof serveRoutes>>;
  const keys = { write: "", read: "" };
  const remote = () => ["--url", server.url, "--key", keys.write];

  beforeAll(async () => {
    const { db } = world.database;
    const [admin] = await db.select().from(users).where(eq(users.email, "admin@acme.test"));
    for (const [name, scopes] of [
      ["write", ["read", "write"]],
      ["read", ["read"]],
    ] as const) {
      const made = generateApiKey();
      await db.insert(apiKeys).values({
        tenantId: acme,
        name: `cli ${name}`,
        prefix: made.prefix,
        secretHash: made.secretHash,
        scopes: [...scopes],
        createdBy: admin!.id,
      });
      keys[name] = made.key;
    }
    // The OpenAPI document is served beside the routes it lists (it is not one of them).
    const openapi = await import("@/app/api/v1/openapi.json/route");
    server = await serveRoutes([...world.routes, { path: "/api/v1/openapi.json", module: openapi }]);
  });
  afterAll(() => server?.close());

  it("migrate-legacy-menus: the dry run writes nothing, the run writes one audit entry, again nothing; a read key may not", async () => {
    await writeFile(
      path.join(dir, "remote-mapping.yaml"),
      "jobs:\n  - jobs.detail.view\n  - sites.detail.tabs.alerts\n",
    );
    const [v0, a0] = [await permVersion(), await auditCount()];
    expect(
      await gatehouse("migrate-legacy-menus", ...remote(), "--mapping", "remote-mapping.yaml", "--dry-run", "--json"),
    ).toBe(0);
    const dry = json();
    expect(dry.dry_run).toBe(true);
    expect(dry.roles.length).toBeGreaterThan(0);
    expect([await permVersion(), await auditCount()]).toEqual([v0, a0]);

    expect(await gatehouse("migrate-legacy-menus", ...remote(), "--mapping", "remote-mapping.yaml", "--json")).toBe(0);
    expect(json().roles).toEqual(dry.roles);
    expect(await permVersion()).toBe(v0 + 1);
    expect(await auditCount()).toBe(a0 + 1);
    expect(await gatehouse("migrate-legacy-menus", ...remote(), "--mapping", "remote-mapping.yaml", "--json")).toBe(0);
    expect(json().roles).toEqual([]);
    expect([await permVersion(), await auditCount()]).toEqual([v0 + 1, a0 + 1]);

    // Refusals come back as the server said them: a read key lacks write; a bad mapping, by its field.
    expect(await gatehouse("migrate-legacy-menus", "--url", server.url, "--key", keys.read)).toBe(1);
    expect(err[0]).toMatch(/^Refused \(403\)/);
    await writeFile(path.join(dir, "remote-bad.json"), JSON.stringify({ Jobs: ["jobs.detail.view"] }));
    expect(await gatehouse("migrate-legacy-menus", ...remote(), "--mapping", "remote-bad.json")).toBe(1);
    expect(err.join("\n")).toMatch(/body\.mapping\.Jobs/);
    expect(await gatehouse("migrate-legacy-menus", "--url", server.url, "--key", "gh_not_a_key")).toBe(1);
    expect(err[0]).toMatch(/^Refused \(401\)/);
    // Nothing written; the read key's refusal is on the record as a security event (docs/security.md), as on any route.
    const since = await world.database.db
      .select({ action: auditEntries.action })
      .from(auditEntries)
      .where(eq(auditEntries.tenantId, acme))
      .orderBy(auditEntries.seq);
    expect(await permVersion()).toBe(v0 + 1);
    expect(since.slice(a0 + 1).map((e) => e.action)).toEqual(["access.denied"]);
  });

  it("users import: dry run, import, again (all there); an unknown role refuses the whole file", async () => {
    await writeFile(path.join(dir, "remote.csv"), "email,name,roles\nremote.one@acme.test,Remote One,Field Engineer\n");
    const members = async () =>
      (await world.database.db.select({ n: count() }).from(memberships).where(eq(memberships.tenantId, acme)))[0]!.n;
    const before = await members();
    expect(await gatehouse("users", "import", "remote.csv", ...remote(), "--dry-run", "--json")).toBe(0);
    expect(json()).toMatchObject({ dry_run: true, rows: [{ line: 2, outcome: "created", roles: ["Field Engineer"] }] });
    expect(await members()).toBe(before);
    expect(await gatehouse("users", "import", "remote.csv", ...remote())).toBe(0);
    expect(out.at(-1)).toMatch(/^1 created · 0 invited · 0 already there · perm_version \d+/);
    expect(await members()).toBe(before + 1);
    expect(await gatehouse("users", "import", "remote.csv", ...remote(), "--json")).toBe(0);
    expect(json().rows[0].outcome).toBe("exists");

    await writeFile(
      path.join(dir, "remote.csv"),
      "email,name,roles\nremote.two@acme.test,Two,Field Engineer\nremote.three@acme.test,Three,No Such Role\n",
    );
    expect(await gatehouse("users", "import", "remote.csv", ...remote())).toBe(1);
    expect(err).toContain("  body.csv.line 3.roles: No role named No Such Role");
    expect(await gatehouse("users", "import", "remote.csv", "--url", server.url, "--key", keys.read)).toBe(1);
    expect(err[0]).toMatch(/^Refused \(403\)/);
    expect(await members()).toBe(before + 1);
  });

  it("cache is refused over --url, saying why (exit 2)", async () => {
    expect(await gatehouse("cache", "clear", ...remote())).toBe(2);
    expect(err.join(" ")).toMatch(/never over --url/);
    expect(await gatehouse("cache", "warm", ...remote())).toBe(2);
  });

  it("doctor --url: what a server shows from outside, and what it cannot check", async () => {
    const code = await gatehouse("doctor", ...remote(), "--json");
    const report = json();
    expect(code, JSON.stringify(report)).toBe(0);
    expect(report.findings.map((f: { check: string }) => f.check)).toEqual([
      "server",
      "database",
      "clock",
      "api key",
      "api",
    ]);
    expect(report.findings.every((f: { ok: boolean }) => f.ok)).toBe(true);
    expect(report.not_checked).toEqual(expect.arrayContaining(["secret", "migrations", "listen"]));
    expect(await gatehouse("doctor", "--url", server.url, "--key", "gh_not_a_key")).toBe(1);
    expect(out.join("\n")).toMatch(/FAIL api key: The key is refused \(401\)/);
    expect(out.join("\n")).toMatch(/Not checked over --url/);
    const closed = await serveRoutes(world.routes);
    const gone = closed.url;
    await closed.close();
    expect(await gatehouse("doctor", "--url", gone, "--key", keys.read, "--json")).toBe(1);
    expect(json().findings).toEqual([expect.objectContaining({ check: "server", ok: false })]);
  });
});
