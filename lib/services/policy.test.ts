import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { rowsOf } from "@/db/client";
import { loadPolicySnapshot } from "@/db/queries/snapshot";
import { roles, tenants } from "@/db/schema";
import { closeWorld, driver, invoke, openWorld, type Persona, signIn, type World } from "@/lib/api/testing/harness";
import { compilePolicy } from "@/lib/permissions/engine";
import type { DecisionContext, UserAssignments } from "@/lib/permissions/types";
import { type PolicyDocument, type PolicyPermission, policyDocument } from "@/lib/validation/policy";
import { diffPolicy } from "./policy-document";

/**
 * Policy as code (docs/policy-as-code.md) through the real route, services, engine and database
 * (the seeded demo world); only the session is faked, as in every in-process API test.
 */
vi.mock("@/lib/auth", async () => (await import("@/lib/api/testing/fake-session")).fakeAuth);
vi.mock("next/headers", async () => (await import("@/lib/api/testing/fake-session")).fakeHeaders);

let world: World;
let acme: string;
let fresh: string;
const POLICY = "/api/v1/policy";

async function call(
  method: string,
  pattern: string,
  o: {
    as?: Persona;
    tenant?: string;
    body?: unknown;
    query?: Record<string, string>;
    accept?: string;
    headers?: Record<string, string>;
  } = {},
) {
  // The fresh tenant has no member yet: the platform super-admin acts there.
  await signIn(world, o.as ?? (fresh && o.tenant === fresh ? "superAdmin" : "admin"), o.tenant ?? acme);
  const res = await invoke(world, { method, pattern, ...o });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text), headers: res.headers };
}
async function ok(method: string, pattern: string, o: Parameters<typeof call>[2] = {}, status = 200) {
  const res = await call(method, pattern, o);
  if (res.status !== status) throw new Error(`${method} ${pattern} answered ${res.status}: ${res.text.slice(0, 600)}`);
  return res;
}

/** What a refusal must leave as it was: the tenant's perm_version, its audit chain's length and its document. */
async function stateOf(tenantId: string) {
  const [t] = await world.database.db.select({ v: tenants.permVersion }).from(tenants).where(eq(tenants.id, tenantId));
  const [n] = rowsOf<{ n: number | string }>(
    await world.database.db.execute(
      sql`select count(*) as n from audit_entries where tenant_id = ${tenantId} and action <> 'access.denied'`,
    ),
  );
  const doc = (await ok("GET", POLICY, { tenant: tenantId, query: { include: "assignments" } })).text;
  return { permVersion: t!.v, audit: Number(n!.n), doc };
}

async function deniedEntries(tenantId: string) {
  const [n] = rowsOf<{ n: number | string }>(
    await world.database.db.execute(
      sql`select count(*) as n from audit_entries where tenant_id = ${tenantId} and action = 'access.denied'`,
    ),
  );
  return Number(n!.n);
}

beforeAll(async () => {
  vi.stubEnv("AUTH_SECRET", "policy-test-secret-not-used-anywhere-else");
  world = await openWorld();
  const { db } = world.database;
  acme = (await db.select().from(tenants).where(eq(tenants.slug, "acme")))[0]!.id;
  // Acme gets a bit of everything a document carries: custom permissions with a dependency and a
  // deprecation, a role with a parent and scoped, conditioned grants, and a template.
  for (const body of [
    { code: "acme_x.reports.view", name: "View reports", category: "actions" },
    { code: "acme_x.reports.export", name: "Export reports", description: "CSV", risk_level: "medium" },
    { code: "acme_x.legacy", name: "Old", deprecated: true, replacement: "acme_x.reports.view" },
  ])
    await ok("POST", "/api/v1/permissions", { body }, 201);
  const exportId = (await ok("GET", "/api/v1/permissions", { query: { search: "acme_x.reports.export" } })).json()
    .data[0].id;
  await ok("PUT", "/api/v1/permissions/[ref]/dependencies", {
    body: { codes: ["acme_x.reports.view"] },
    params: { ref: exportId },
  } as never);
  const viewer = (
    await db
      .select()
      .from(roles)
      .where(and(eq(roles.tenantId, acme), eq(roles.name, "Viewer")))
  )[0]!;
  await ok(
    "POST",
    "/api/v1/roles",
    {
      body: {
        name: "Report Reader",
        description: "Reads reports",
        parent_ids: [viewer.id],
        permissions: [
          { code: "acme_x.reports.view", scope: "department" },
          { code: "acme_x.reports.export", conditions: { region: { $in: ["north", "south"] }, amount: { $lte: 100 } } },
        ],
      },
    },
    201,
  );
  await ok(
    "POST",
    "/api/v1/templates",
    { body: { name: "Reports kit", permissions: { "acme_x.reports.view": "allow", "acme_x.legacy": "deny" } } },
    201,
  );
  const made = await ok(
    "POST",
    "/api/v1/tenants",
    { as: "superAdmin", body: { name: "Fresh Co", slug: "fresh-co" } },
    201,
  );
  fresh = made.json().id;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await closeWorld(world);
});

describe(`policy as code (${driver})`, () => {
  it("exports the same state as the same bytes, in JSON and in YAML, keyed by names and codes", async () => {
    const a = await ok("GET", POLICY);
    const b = await ok("GET", POLICY);
    expect(a.text).toBe(b.text);
    const yamlA = await ok("GET", POLICY, { accept: "application/yaml" });
    const yamlB = await ok("GET", POLICY, { accept: "application/yaml" });
    expect(yamlA.text).toBe(yamlB.text);
    expect(yamlA.headers.get("content-type")).toContain("application/yaml");
    expect(parse(yamlA.text)).toEqual(a.json());
    const doc: PolicyDocument = a.json();
    const reader = doc.roles.find((r) => r.name === "Report Reader")!;
    expect(reader.parents).toEqual(["Viewer"]);
    expect(reader.grants).toContainEqual({
      code: "acme_x.reports.export",
      scope: "organization",
      conditions: { amount: { $lte: 100 }, region: { $in: ["north", "south"] } },
    });
    expect(doc.permissions.find((p) => p.code === "acme_x.reports.export")!.depends_on).toEqual([
      "acme_x.reports.view",
    ]);
    expect(a.text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(doc.members).toBeUndefined();
    const withMembers: PolicyDocument = (await ok("GET", POLICY, { query: { include: "assignments" } })).json();
    expect(withMembers.members!.find((m) => m.email === "member@acme.test")!.roles.map((r) => r.name)).toEqual([
      "Field Engineer",
    ]);
  });

  it("a dry run lists the changes and writes nothing", async () => {
    const doc = (await ok("GET", POLICY)).json();
    const before = await stateOf(fresh);
    const dry = (await ok("PUT", POLICY, { tenant: fresh, body: doc, query: { dry_run: "true" } })).json();
    expect(dry.perm_version).toBe(before.permVersion);
    expect(dry.changes).toContainEqual(expect.objectContaining({ op: "add", kind: "role", key: "Report Reader" }));
    expect(dry.changes).toContainEqual(
      expect.objectContaining({ op: "add", kind: "grant", key: "Report Reader:acme_x.reports.view" }),
    );
    expect(dry.changes).toContainEqual(
      expect.objectContaining({ op: "add", kind: "permission", key: "acme_x.legacy" }),
    );
    expect(await stateOf(fresh)).toEqual(before);
  });

  it("round trip: applied to a fresh tenant, the export is byte-identical and 10,000 decisions agree", async () => {
    const source = await ok("GET", POLICY);
    const before = await stateOf(fresh);
    const applied = (
      await ok("PUT", POLICY, {
        tenant: fresh,
        body: source.json(),
        headers: { "if-match": String(before.permVersion) },
      })
    ).json();
    expect(applied.perm_version).toBe(before.permVersion + 1);
    expect(applied.changes.length).toBeGreaterThan(5);
    const entries = rowsOf<{ action: string; after: { changes: unknown[] } }>(
      await world.database.db.execute(
        sql`select action, after from audit_entries where tenant_id = ${fresh} order by seq desc limit 1`,
      ),
    );
    expect(entries[0]!.action).toBe("policy.applied");
    expect(entries[0]!.after.changes).toHaveLength(applied.changes.length);
    expect((await stateOf(fresh)).audit).toBe(before.audit + 1);

    const copy = await ok("GET", POLICY, { tenant: fresh });
    expect(copy.text).toBe(source.text);
    await expect(decisionsAgree(acme, fresh, 10_000)).resolves.toBe(10_000);

    // Applying it again changes nothing, and bumps nothing.
    const again = (await ok("PUT", POLICY, { tenant: fresh, body: source.json() })).json();
    expect(again).toEqual({ changes: [], perm_version: applied.perm_version });
  });

  it("changes, removals and a reversed parent edge apply in one go", async () => {
    const doc: PolicyDocument = (await ok("GET", POLICY, { tenant: fresh })).json();
    doc.roles.push({
      name: "Report Writer",
      description: null,
      is_system: false,
      grants_all: false,
      is_default: false,
      parents: [],
      grants: [{ code: "acme_x.reports.export", scope: "team", conditions: null }],
    });
    // Reader inherits from Writer now, not from Viewer; the template goes; a permission changes.
    doc.roles.find((r) => r.name === "Report Reader")!.parents = ["Report Writer"];
    doc.templates = [];
    doc.permissions.find((p) => p.code === "acme_x.reports.view")!.risk_level = "high";
    const res = (await ok("PUT", POLICY, { tenant: fresh, body: doc })).json();
    expect(res.changes.map((c: { op: string; kind: string; key: string }) => `${c.op} ${c.kind} ${c.key}`)).toEqual(
      expect.arrayContaining([
        "add role Report Writer",
        "change role Report Reader",
        "remove template Reports kit",
        "change permission acme_x.reports.view",
      ]),
    );
    const after: PolicyDocument = (await ok("GET", POLICY, { tenant: fresh })).json();
    expect(diffPolicy(after, doc)).toEqual([]);
    // And back: the reversed edge (Writer inherits from Reader) never meets a transient cycle.
    doc.roles.find((r) => r.name === "Report Reader")!.parents = [];
    doc.roles.find((r) => r.name === "Report Writer")!.parents = ["Report Reader"];
    await ok("PUT", POLICY, { tenant: fresh, body: doc });
    expect(diffPolicy((await ok("GET", POLICY, { tenant: fresh })).json(), doc)).toEqual([]);
  });

  describe("a document that breaks a rule changes nothing and names the rule", () => {
    async function refused(
      doc: unknown,
      status: number,
      o: { as?: Persona; headers?: Record<string, string>; query?: Record<string, string> } = {},
    ): Promise<Record<string, unknown>> {
      const before = await stateOf(fresh);
      const res = await call("PUT", POLICY, { tenant: fresh, body: doc, ...o });
      expect(res.status, res.text).toBe(status);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(await stateOf(fresh)).toEqual(before);
      return res.json();
    }
    const current = async (): Promise<PolicyDocument> => (await ok("GET", POLICY, { tenant: fresh })).json();

    it("a cycle in role inheritance (422)", async () => {
      const doc = await current();
      doc.roles.find((r) => r.name === "Report Reader")!.parents = ["Report Writer"];
      doc.roles.find((r) => r.name === "Report Writer")!.parents = ["Report Reader"];
      const problem = await refused(doc, 422);
      expect(problem.detail).toMatch(/cycle/);
      // The dry run runs the same rules (and rolls back): it names the cycle before anyone confirms.
      expect((await refused(doc, 422, { query: { dry_run: "true" } })).detail).toMatch(/cycle/);
    });

    it("a cycle in permission dependencies (422)", async () => {
      const doc = await current();
      doc.permissions.find((p) => p.code === "acme_x.reports.view")!.depends_on = ["acme_x.reports.export"];
      expect((await refused(doc, 422)).cycle).toEqual([
        "acme_x.reports.view",
        "acme_x.reports.export",
        "acme_x.reports.view",
      ]);
    });

    it("changing or removing a system role (422)", async () => {
      const doc = await current();
      doc.roles.find((r) => r.name === "Admin")!.description = "Mine now";
      expect((await refused(doc, 422)).detail).toMatch(/system role/);
      const without = await current();
      without.roles = without.roles.filter((r) => r.name !== "Admin");
      expect((await refused(without, 422)).detail).toMatch(/system role/);
      const made = await current();
      made.roles.push({ ...made.roles.find((r) => r.name === "Admin")!, name: "Second Admin" });
      expect((await refused(made, 422)).rule).toBe("system_role");
    });

    it("a code neither global nor the document's own (422), e.g. a grant of a permission it drops", async () => {
      const doc = await current();
      doc.permissions = doc.permissions.filter((p) => p.code !== "acme_x.reports.export");
      const problem = await refused(doc, 422);
      expect(problem.unknown_codes).toEqual(["acme_x.reports.export"]);
    });

    it("a stale If-Match (412), with the current perm_version", async () => {
      const doc = await current();
      doc.roles.find((r) => r.name === "Report Writer")!.description = "Stale";
      const { permVersion } = await stateOf(fresh);
      const problem = await refused(doc, 412, { headers: { "if-match": String(permVersion - 1) } });
      expect(problem.current_perm_version).toBe(permVersion);
      await refused(doc, 400, { headers: { "if-match": "yesterday" } });
    });

    it("a malformed document (400, with field paths)", async () => {
      const doc = (await current()) as unknown as Record<string, unknown>;
      const problem = await refused({ ...doc, roles: [{ name: "", grants: [{ code: "Not A Code" }] }], extra: 1 }, 400);
      const paths = (problem.errors as { path: string }[]).map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(["body.roles.0.name", "body.roles.0.grants.0.code", "body.extra"]));
      await refused({ gatehouse_policy: 2 }, 400);
    });

    it("granting what the caller does not hold (403, naming the codes)", async () => {
      // Lena (Engineer Lead in Acme) is given the roles page's rights there, by a document that
      // also assigns: members are matched by email.
      const doc: PolicyDocument = (await ok("GET", POLICY, { query: { include: "assignments" } })).json();
      doc.roles.push({
        name: "Policy Editor",
        description: null,
        is_system: false,
        grants_all: false,
        is_default: false,
        parents: [],
        grants: [
          "gatehouse.console",
          "gatehouse.roles.view",
          "gatehouse.roles.manage",
          "gatehouse.permissions.view",
          "gatehouse.templates.view",
        ].map((code) => ({ code, scope: "organization" as const, conditions: null })),
      });
      doc.members!.find((m) => m.email === "lead@acme.test")!.roles.push({ name: "Policy Editor", expires_at: null });
      const assigned = (await ok("PUT", POLICY, { body: doc })).json();
      expect(assigned.changes).toContainEqual(
        expect.objectContaining({ op: "add", kind: "member_role", key: "lead@acme.test:Policy Editor" }),
      );
      // Lena may export, and may not grant gatehouse.users.manage, which she does not hold.
      const hers: PolicyDocument = (await ok("GET", POLICY, { as: "lead" })).json();
      hers.roles
        .find((r) => r.name === "Report Reader")!
        .grants.push({
          code: "gatehouse.users.manage",
          scope: "organization",
          conditions: null,
        });
      const before = await stateOf(acme);
      const res = await call("PUT", POLICY, { as: "lead", body: hers });
      expect(res.status, res.text).toBe(403);
      expect(res.json().missing_permissions).toEqual(["gatehouse.users.manage"]);
      expect(await stateOf(acme)).toEqual(before);
      // Nor may she change the catalog (gatehouse.permissions.manage), even by a document.
      const catalog: PolicyDocument = (await ok("GET", POLICY, { as: "lead" })).json();
      catalog.permissions[0]!.name = "Renamed";
      const deniedBefore = await deniedEntries(acme);
      const denied = await call("PUT", POLICY, { as: "lead", body: catalog });
      expect(denied.status, denied.text).toBe(403);
      expect(denied.json().missing_permission).toBe("gatehouse.permissions.manage");
      expect(await stateOf(acme)).toEqual(before);
      // A refused admin action is audited (DESIGN §6): one access.denied entry.
      expect(await deniedEntries(acme)).toBe(deniedBefore + 1);
    });
  });

  it("any document either applies exactly (its export is the document) or changes nothing; never a 500", async () => {
    const base: PolicyDocument = (await ok("GET", POLICY, { tenant: fresh })).json();
    const globalCodes = [...new Set(base.roles.flatMap((r) => r.grants.map((g) => g.code)))]
      .filter((c) => !c.startsWith("acme_x."))
      .slice(0, 6);
    const customCodes = ["acme_x.reports.view", "acme_x.reports.export", "acme_x.legacy", "prop_x.a", "prop_x.b"];
    const names = ["Report Reader", "Report Writer", "Prop One", "Prop Two"];
    const grant = fc.record({
      code: fc.constantFrom(...globalCodes, ...customCodes),
      scope: fc.constantFrom("organization", "global", "department", "team", "personal"),
      conditions: fc.constantFrom(null, { amount: { $lte: 100 } }, { region: { $in: ["north"] } }),
    });
    const roleSpec = fc.record({
      present: fc.boolean(),
      parents: fc.subarray([...names, "Member", "Viewer"], { maxLength: 1 }),
      grants: fc.uniqueArray(grant, { maxLength: 4, selector: (g) => g.code }),
      is_default: fc.boolean(),
    });
    const permSpec = fc.record({
      present: fc.constantFrom(true, true, true, false),
      depends_on: fc.subarray(customCodes, { maxLength: 2 }),
      risk: fc.constantFrom("low", "high"),
      deprecated: fc.boolean(),
    });
    const arbitrary = fc.record({
      roles: fc.tuple(...names.map(() => roleSpec)),
      permissions: fc.tuple(...customCodes.map(() => permSpec)),
      template: fc.option(
        fc.dictionary(fc.constantFrom(...globalCodes, ...customCodes), fc.constantFrom("allow", "deny")),
      ),
    });
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(arbitrary, async (spec) => {
        const doc: PolicyDocument = structuredClone(base);
        doc.permissions = customCodes.flatMap((code, i) => {
          const p = spec.permissions[i]!;
          if (!p.present) return [];
          const keep = doc.permissions.find((x) => x.code === code);
          return [
            {
              // A new one as a person writes it: the rest takes the defaults.
              ...(keep ?? ({ code, name: `Prop ${code}` } as PolicyPermission)),
              depends_on: p.depends_on.filter((d) => d !== code),
              risk_level: p.risk as "low" | "high",
              deprecated: p.deprecated,
              deprecated_message: p.deprecated ? "gone" : null,
              replacement: null,
            },
          ];
        });
        doc.roles = [
          ...doc.roles.filter((r) => !names.includes(r.name)),
          ...names.flatMap((name, i) => {
            const r = spec.roles[i]!;
            if (!r.present) return [];
            const grants = r.grants.map((g) => ({
              ...g,
              scope: g.scope as PolicyDocument["roles"][0]["grants"][0]["scope"],
            }));
            return [
              {
                name,
                description: null,
                is_system: false,
                grants_all: false,
                is_default: r.is_default,
                parents: r.parents.filter((p) => p !== name),
                grants,
              },
            ];
          }),
        ];
        doc.templates = spec.template ? [{ name: "Prop kit", description: null, permissions: spec.template }] : [];
        const before = await stateOf(fresh);
        const res = await call("PUT", POLICY, { tenant: fresh, body: doc });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect([200, 202, 409, 422], res.text).toContain(res.status);
        if (res.status === 200) {
          const after: PolicyDocument = (await ok("GET", POLICY, { tenant: fresh })).json();
          expect(diffPolicy(after, policyDocument.parse(doc))).toEqual([]);
        } else if (res.status !== 202) {
          expect(res.headers.get("content-type")).toContain("application/problem+json");
          expect(await stateOf(fresh)).toEqual(before);
        }
      }),
      { numRuns: Number(process.env.POLICY_RUNS ?? 40), seed: Number(process.env.POLICY_SEED ?? 20261207) },
    );
    if (process.env.POLICY_RUNS) console.log("statuses", Object.fromEntries(statuses));
    // Both outcomes were met: documents applied, and documents refused.
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
  }, 120_000);
});

/**
 * Random users (a random set of roles, by name, and random overrides) decided in both tenants on
 * random codes and contexts with the engine: the answers must agree. Answers the number compared.
 */
async function decisionsAgree(a: string, b: string, n: number) {
  const { db } = world.database;
  const [pa, pb] = await Promise.all([loadPolicySnapshot(db, a), loadPolicySnapshot(db, b)]);
  const [ca, cb] = [compilePolicy(pa!), compilePolicy(pb!)];
  const roleIds = (p: typeof pa) => new Map(p!.roles.map((r) => [r.name, r.id]));
  const [ra, rb] = [roleIds(pa), roleIds(pb)];
  const names = [...ra.keys()].filter((name) => name !== "Admin");
  expect(names.sort()).toEqual([...rb.keys()].filter((name) => name !== "Admin").sort());
  const codes = [...new Set([...pa!.permissions, ...pb!.permissions].map((p) => p.code)), "nobody.has.this"];
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const contexts: (DecisionContext | undefined)[] = [
    undefined,
    {},
    { region: "north", amount: 50 },
    { region: "east", amount: 50 },
    { amount: 500, resource: { department_id: "d1", team_id: "t1", owner_id: "u" } },
  ];
  const user = (ids: Map<string, string>, held: string[], overrides: { code: string; effect: "allow" | "deny" }[]) =>
    ({
      userId: "u",
      member: { userId: "u", active: true, isSuperAdmin: false, departmentId: "d1", teamIds: ["t1"] },
      isSuperAdmin: false,
      roles: held.map((name) => ({ roleId: ids.get(name)!, expiresAt: null })),
      overrides: overrides.map((o) => ({ ...o, expiresAt: null })),
    }) satisfies UserAssignments;
  let compared = 0;
  for (let i = 0; i < n; i++) {
    const held = names.filter(() => random() < 0.25);
    const overrides = random() < 0.2 ? [{ code: pick(codes), effect: pick(["allow", "deny"] as const) }] : [];
    const code = pick(codes);
    const context = pick(contexts);
    const x = ca.decide(user(ra, held, overrides), code, context);
    const y = cb.decide(user(rb, held, overrides), code, context);
    expect({ granted: y.granted, reason: y.reason, conditional: y.conditional }, `${code} for ${held}`).toEqual({
      granted: x.granted,
      reason: x.reason,
      conditional: x.conditional,
    });
    compared++;
  }
  return compared;
}
