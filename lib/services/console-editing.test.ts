import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rowsOf } from "@/db/client";
import { findUserByEmail } from "@/db/queries/users";
import { roleGrants, tenants } from "@/db/schema";
import { seed } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { Principal } from "@/lib/auth/principal";
import { userExplainQuery } from "@/lib/validation/users";
import { approveRequest } from "./approvals";
import { permissionDependenciesOf } from "./catalog-dependencies";
import { checkPermission } from "./check";
import { permissionHolders } from "./permission-holders";
import { planChangeImpact } from "./plan-impact";
import { createRole, patchMatrix, replaceRolePermissions } from "./role-writes";
import { updateTenant } from "./tenants";
import { refusal } from "./testing/refusal";
import { assignRole, setOverrides } from "./user-writes";
import { explainUserPermission } from "./users";

/**
 * Issue 13 §2, "nothing breaks silently", on the seeded demo world with the real gate: every
 * console page needs the console (a dependency like any other), and a grant outside the tenant's
 * plan is refused with 422 naming the plans that have it, while leftovers of a downgrade may stay.
 */

vi.mock("@/lib/auth", () => ({ auth: async () => null }));
const DATABASE_KEY = Symbol.for("gatehouse.database");
let database: TestDatabase;

const keyOf = (tenantId: string, createdBy: string): Principal => ({
  kind: "api_key",
  userId: null,
  tenantId,
  isSuperAdmin: false,
  label: "console editing",
  apiKey: {
    id: "00000000-0000-4000-8000-00000000c013",
    tenantId,
    name: "console editing",
    scopes: ["check", "read", "write"],
    createdBy,
  },
});
const ctxOf = (principal: Principal) => ({ db: database.db, principal, meta: { ip: null, userAgent: null } });

async function tenantId(slug: string) {
  return (await database.db.select().from(tenants).where(eq(tenants.slug, slug)))[0]!.id;
}
async function userId(email: string) {
  return (await findUserByEmail(database.db, email))!.id;
}
async function grantsOf(roleId: string) {
  return rowsOf<{ code: string }>(
    await database.db.execute(
      sql`select p.code from role_grants g join permissions p on p.id = g.permission_id where g.role_id = ${roleId} order by p.code`,
    ),
  ).map((r) => r.code);
}
async function versionOf(roleId: string) {
  const [row] = rowsOf<{ version: number }>(
    await database.db.execute(sql`select version from roles where id = ${roleId}`),
  );
  return Number(row!.version);
}
async function someMember(tenant: string, not: string) {
  const [row] = rowsOf<{ id: string }>(
    await database.db.execute(
      sql`select u.id from memberships m join users u on u.id = m.user_id where m.tenant_id = ${tenant} and u.email <> ${not} order by u.email limit 1`,
    ),
  );
  return row!.id;
}
/** A menu item the tenant's plan does not include, with the codes of the plans that do. */
async function outOfPlanItem(tenant: string) {
  const rows = rowsOf<{ code: string; resource: string; permission_code: string | null; plans: string[] | null }>(
    await database.db.execute(sql`
      select m.code, m.resource, m.permission_code,
        (select array_agg(p2.code order by p2.code) from plan_features f2 join plans p2 on p2.id = f2.plan_id
          where f2.menu_item_id = m.id and f2.included) as plans
      from menu_items m
      where m.permission_code is not null and not exists (
        select 1 from plan_features f join tenants t on t.plan_id = f.plan_id
        where t.id = ${tenant} and f.menu_item_id = m.id and f.included)
      order by m.code limit 1`),
  );
  return rows[0]!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seed(database.db);
  (globalThis as Record<symbol, unknown>)[DATABASE_KEY] = Promise.resolve(database);
});
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[DATABASE_KEY];
  await database.destroy();
});

describe("console access is a dependency", () => {
  it("every console page's view permission depends on gatehouse.console", async () => {
    const acme = await tenantId("acme");
    const admin = ctxOf(keyOf(acme, await userId("admin@acme.test")));
    const deps = await permissionDependenciesOf(admin, "gatehouse.audit.view", await userId("admin@acme.test"));
    expect(deps.depends_on.map((d) => d.code)).toEqual(["gatehouse.console"]);
  });

  it("an Auditor holding the console and the audit view reads the log; without the console, neither", async () => {
    const acme = await tenantId("acme");
    const adminId = await userId("admin@acme.test");
    const admin = ctxOf(keyOf(acme, adminId));
    const member = await userId("member@acme.test");
    const auditor = await createRole(admin, {
      name: "Auditor",
      parent_ids: [],
      is_default: false,
      permissions: [
        { code: "gatehouse.console", scope: "organization" },
        { code: "gatehouse.audit.view", scope: "organization" },
      ],
    });
    const half = await createRole(admin, {
      name: "Half auditor",
      parent_ids: [],
      is_default: false,
      permissions: [{ code: "gatehouse.audit.view", scope: "organization" }],
    });
    const lone = (await findUserByEmail(database.db, "viewer@acme.test"))!.id;
    await assignRole(admin, member, { role_id: (auditor.body as { id: string }).id });
    await assignRole(admin, lone, { role_id: (half.body as { id: string }).id });
    const check = (user: string) =>
      checkPermission(admin, { user_id: user, code: "gatehouse.audit.view" }) as ReturnType<typeof checkPermission>;
    expect(await check(member)).toMatchObject({ granted: true, reason: "role" });
    expect(await check(lone)).toMatchObject({ granted: false, reason: "dependency" });
  });
});

describe("plan-aware grants", () => {
  it("refuses a new grant outside the plan with 422 naming the plan that has it; nothing changes", async () => {
    const initech = await tenantId("initech");
    const admin = ctxOf(keyOf(initech, await userId("admin@initech.test")));
    const item = await outOfPlanItem(initech);
    expect(item.plans?.length).toBeGreaterThan(0);
    const made = await createRole(admin, { name: "Planner", parent_ids: [], is_default: false, permissions: [] });
    const roleId = (made.body as { id: string }).id;
    const version = await versionOf(roleId);
    const e = await refusal(
      replaceRolePermissions(admin, roleId, {
        version,
        permissions: [
          { code: "contacts.view", scope: "organization" },
          { code: item.permission_code!, scope: "organization" },
        ],
      }),
    );
    expect(e.status).toBe(422);
    expect(e.extra).toMatchObject({
      plan: "basic",
      out_of_plan: [{ code: item.permission_code, menu_item: item.code, plans: item.plans }],
    });
    expect(e.detail).toContain(item.plans![0]!);
    expect(await grantsOf(roleId)).toEqual([]);
    expect(await versionOf(roleId)).toBe(version);
    // The matrix and an allow override are refused alike.
    const m = await refusal(
      patchMatrix(admin, { changes: [{ role_id: roleId, version, grant: [item.permission_code!], revoke: [] }] }),
    );
    expect(m.status).toBe(422);
    const o = await refusal(
      setOverrides(admin, await someMember(initech, "admin@initech.test"), {
        permissions: [{ code: item.permission_code!, effect: "allow" }],
      }),
    );
    expect(o.status).toBe(422);
    expect(o.extra.out_of_plan).toHaveLength(1);
  });

  it("keeps a grant left over from a downgrade when the role's whole set is sent back", async () => {
    const initech = await tenantId("initech");
    const admin = ctxOf(keyOf(initech, await userId("admin@initech.test")));
    const item = await outOfPlanItem(initech);
    const made = await createRole(admin, { name: "Downgraded", parent_ids: [], is_default: false, permissions: [] });
    const roleId = (made.body as { id: string }).id;
    const [perm] = rowsOf<{ id: string }>(
      await database.db.execute(
        sql`select id from permissions where code = ${item.permission_code} and tenant_id is null`,
      ),
    );
    // As the plan had it before the downgrade.
    await database.db.insert(roleGrants).values({ tenantId: initech, roleId, permissionId: perm!.id });
    const put = await replaceRolePermissions(admin, roleId, {
      version: await versionOf(roleId),
      permissions: [
        { code: item.permission_code!, scope: "organization" },
        { code: "contacts.view", scope: "organization" },
      ],
    });
    expect(put.body).toMatchObject({ added: ["contacts.view"], removed: [] });
    expect(await grantsOf(roleId)).toEqual([item.permission_code, "contacts.view"].sort());
    const rows = await database.db
      .select()
      .from(roleGrants)
      .where(and(eq(roleGrants.roleId, roleId), eq(roleGrants.permissionId, perm!.id)));
    expect(rows).toHaveLength(1);
  });
});

describe("who can do this? (holders)", () => {
  it("lists every member the permission is effective for, with the rule, page by page, and no one it is not", async () => {
    const acme = await tenantId("acme");
    const admin = ctxOf(keyOf(acme, await userId("admin@acme.test")));
    const all = [];
    let cursor: string | undefined;
    do {
      const page = await permissionHolders(admin, "gatehouse.audit.view", { limit: 1, cursor });
      expect(page.data.length).toBeLessThanOrEqual(1);
      all.push(...page.data);
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    const byEmail = new Map(all.map((h) => [h.email, h]));
    expect(all).toHaveLength(byEmail.size);
    // The Auditor made above, through its role; both Admins, through Admin's "everything".
    expect(byEmail.get("member@acme.test")).toMatchObject({
      source: "role",
      via: { kind: "role", role: "Auditor", code: "gatehouse.audit.view" },
    });
    expect(byEmail.get("admin@acme.test")).toMatchObject({ source: "role", via: { kind: "role", role: "Admin" } });
    expect(byEmail.get("ops-admin@acme.test")?.source).toBe("role");
    // The half auditor lacks the console: the dependency denies it, so not a holder.
    expect(byEmail.has("viewer@acme.test")).toBe(false);
    const names = all.map((h) => h.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    // An allow override makes a holder too, named as such.
    const someone = await someMember(acme, "admin@acme.test");
    await setOverrides(admin, someone, { permissions: [{ code: "sales.invoices", effect: "allow" }] });
    const reports = await permissionHolders(admin, "sales.invoices.export", { limit: 200 });
    expect(reports.data.find((h) => h.user_id === someone)).toMatchObject({
      source: "override",
      via: { kind: "override", code: "sales.invoices", effect: "allow" },
    });
    expect(reports.next_cursor).toBeNull();
  });

  it("is 404 for a code the tenant's catalog does not have", async () => {
    const acme = await tenantId("acme");
    const admin = ctxOf(keyOf(acme, await userId("admin@acme.test")));
    const e = await refusal(permissionHolders(admin, "no.such.code", { limit: 10 }));
    expect(e.status).toBe(404);
  });
});

describe("explain with a resource context", () => {
  it("decides a scoped, conditioned grant as the check API does with the same context", async () => {
    const acme = await tenantId("acme");
    const admin = ctxOf(keyOf(acme, await userId("admin@acme.test")));
    const lead = await userId("lead@acme.test");
    const made = await createRole(admin, {
      name: "Small refunds",
      parent_ids: [],
      is_default: false,
      permissions: [
        { code: "sales.orders.view", scope: "organization" },
        { code: "sales.orders.delete", scope: "personal", conditions: { amount: { $lte: 100 } } },
      ],
    });
    await assignRole(admin, lead, { role_id: (made.body as { id: string }).id });
    const code = "sales.orders.delete";
    const ever = await explainUserPermission(admin, lead, code);
    expect(ever).toMatchObject({ granted: true, conditional: true });
    for (const [context, granted] of [
      [{ resource: { owner_id: lead }, amount: 50 }, true],
      [{ resource: { owner_id: lead }, amount: 500 }, false],
      [{ resource: { owner_id: "someone-else" }, amount: 50 }, false],
      [{ amount: 50 }, false],
    ] as const) {
      const why = await explainUserPermission(admin, lead, code, context);
      const check = await checkPermission(admin, { user_id: lead, code, context });
      expect(why.granted, JSON.stringify(context)).toBe(granted);
      expect(check.granted).toBe(why.granted);
      expect(check.reason).toBe(why.reason);
    }
  });

  it("takes the context as JSON in the query, checked by the check API's schema, with field paths", () => {
    expect(userExplainQuery.parse({ context: '{"resource":{"owner_id":"u"},"amount":5}' })).toEqual({
      context: { resource: { owner_id: "u" }, amount: 5 },
    });
    const notJson = userExplainQuery.safeParse({ context: "{amount" });
    expect(notJson.error?.issues[0]?.path).toEqual(["context"]);
    const unknownKey = userExplainQuery.safeParse({ context: '{"resource":{"colour":"red"}}' });
    expect(unknownKey.error?.issues[0]?.path).toEqual(["context", "resource"]);
  });
});

describe("a plan change's impact, before it is made", () => {
  it("lists the menu items gained and lost, and how many members lose each (the holders' count)", async () => {
    const acme = await tenantId("acme");
    const superId = await userId("super@gatehouse.test");
    const root: Principal = {
      kind: "user",
      userId: superId,
      tenantId: acme,
      isSuperAdmin: true,
      label: "super",
      viewer: {} as never,
    };
    const [basic] = rowsOf<{ id: string }>(await database.db.execute(sql`select id from plans where code = 'basic'`));
    const impact = await planChangeImpact(ctxOf(root), acme, basic!.id);
    expect(impact.from_plan?.name).toBe("Enterprise Plan");
    expect(impact.to_plan?.name).toBe("Basic Plan");
    expect(impact.gained).toEqual([]);
    const categories = impact.lost.find((i) => i.menu_item === "categories");
    const holders = await permissionHolders(ctxOf(root), "categories.view", { limit: 200 });
    expect(categories?.users_losing_access).toBe(holders.data.length);
    expect(categories!.users_losing_access).toBeGreaterThan(0);
    expect(impact.lost.some((i) => i.menu_item === "products")).toBe(false);
    // Nothing changed: the tenant is still on its plan.
    const [row] = rowsOf<{ code: string }>(
      await database.db.execute(
        sql`select p.code from tenants t join plans p on p.id = t.plan_id where t.id = ${acme}`,
      ),
    );
    expect(row!.code).toBe("enterprise");
  });

  it("is for platform super-admins only", async () => {
    const acme = await tenantId("acme");
    const admin = ctxOf(keyOf(acme, await userId("admin@acme.test")));
    expect((await refusal(planChangeImpact(admin, acme, null))).status).toBe(403);
  });
});

describe("an approval decided after a downgrade", () => {
  it("is refused with 422 when what it would grant has left the plan, and stays pending", async () => {
    const acme = await tenantId("acme");
    const person = async (email: string, isSuperAdmin = false): Promise<Principal> => ({
      kind: "user",
      userId: await userId(email),
      tenantId: acme,
      isSuperAdmin,
      label: email,
      viewer: {} as never,
    });
    const ada = ctxOf(await person("admin@acme.test"));
    const otto = ctxOf(await person("ops-admin@acme.test"));
    const root = ctxOf(await person("super@gatehouse.test", true));
    const asked = await createRole(ada, {
      name: "Journal clerk",
      parent_ids: [],
      is_default: false,
      permissions: [
        { code: "finance.journal.view", scope: "organization" },
        { code: "finance.journal.delete", scope: "organization" },
      ],
    });
    const [approval] = asked.approvals;
    expect(approval?.code).toBe("finance.journal.delete");
    const plan = async (code: string) => {
      const [row] = rowsOf<{ id: string }>(await database.db.execute(sql`select id from plans where code = ${code}`));
      await updateTenant(root, acme, { plan_id: row!.id });
    };
    await plan("basic");
    try {
      const e = await refusal(approveRequest(otto, approval!.id, undefined));
      expect(e.status).toBe(422);
      expect((e.extra.out_of_plan as { code: string }[]).map((o) => o.code)).toEqual([
        "finance.journal.delete",
        "finance.journal.view",
      ]);
      const [row] = rowsOf<{ status: string }>(
        await database.db.execute(sql`select status from approval_requests where id = ${approval!.id}`),
      );
      expect(row!.status).toBe("pending");
    } finally {
      await plan("enterprise");
    }
  });
});
