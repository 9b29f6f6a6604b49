import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { currentPermVersion } from "@/db/queries/perm-version";
import { findUserByEmail } from "@/db/queries/users";
import { auditEntries, menuItems, modules, planFeatures, plans, tenants } from "@/db/schema";
import { seed } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { Principal } from "@/lib/auth/principal";
import { getMyMenus } from "./me";
import { listNavigationModules } from "./navigation-catalog";
import {
  createMenuItem,
  createModule,
  deleteMenuItem,
  deleteModule,
  updateMenuItem,
  updateModule,
} from "./navigation-writes";
import { createPermission, deletePermission } from "./permission-writes";
import { refusal } from "./testing/refusal";

/**
 * The navigation catalog's writes (issue 14 §2, API.md "Navigation catalog") on the seeded demo
 * world with the real gate: super-admins write the global modules and menu items, a tenant admin
 * only its tenant's own modules; another tenant's module is a 404 like an unknown id; a module
 * that holds anything is a 409; every change is audited and bumps perm_version (a global one,
 * every tenant's), and a refusal changes nothing.
 */

vi.mock("@/lib/auth", () => ({ auth: async () => null }));
const DATABASE_KEY = Symbol.for("gatehouse.database");
const UNKNOWN = "0f8fad5b-d9cb-469f-a165-70867728950e";
let database: TestDatabase;
const tenant: Record<string, string> = {};
const id: Record<string, string> = {};

const asUser = (who: string, tenantId: string, isSuperAdmin = false): Principal => ({
  kind: "user",
  userId: id[who]!,
  tenantId,
  isSuperAdmin,
  label: who,
  viewer: { user: { id: id[who]! }, tenant: null } as never,
});
const ctx = (principal: Principal) => ({ db: database.db, principal, meta: { ip: null, userAgent: null } });
const admin = () => ctx(asUser("admin", tenant.acme!));
const globexAdmin = () => ctx(asUser("globexAdmin", tenant.globex!));
const superAdmin = () => ctx(asUser("super", tenant.acme!, true));
const versions = async () => ({
  acme: await currentPermVersion(database.db, tenant.acme!),
  globex: await currentPermVersion(database.db, tenant.globex!),
});
const auditCount = async () => database.db.$count(auditEntries);

beforeAll(async () => {
  database = await createTestDatabase();
  await seed(database.db);
  (globalThis as Record<symbol, unknown>)[DATABASE_KEY] = Promise.resolve(database);
  for (const slug of ["acme", "globex"])
    tenant[slug] = (await database.db.select().from(tenants).where(eq(tenants.slug, slug)))[0]!.id;
  for (const [who, email] of [
    ["admin", "admin@acme.test"],
    ["member", "member@acme.test"],
    ["globexAdmin", "admin@globex.test"],
    ["super", "super@gatehouse.test"],
  ] as const)
    id[who] = (await findUserByEmail(database.db, email))!.id;
});
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[DATABASE_KEY];
  await database.destroy();
});

describe("a tenant's own modules", () => {
  it("a tenant admin creates, edits, reorders, deactivates and deletes its own module; audited in its chain", async () => {
    const before = await versions();
    const created = await createModule(admin(), {
      code: "acme_custom",
      name: "Acme custom",
      sort_order: 0,
      is_active: true,
    });
    expect(created.body).toMatchObject({ code: "acme_custom", is_global: false, tenant_id: tenant.acme });
    const after = await versions();
    expect(after.acme).toBeGreaterThan(before.acme!);
    expect(after.globex).toBe(before.globex);
    const [entry] = await database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, "module.created"), eq(auditEntries.targetId, created.body.id)));
    expect(entry?.tenantId).toBe(tenant.acme);

    // A custom permission groups under it, found by code within the tenant only.
    const perm = await createPermission(admin(), {
      code: "acme_custom.reports.view",
      name: "Custom reports",
      module: "acme_custom",
      category: "actions",
      risk_level: "low",
      requires_mfa: false,
      requires_approval: false,
      is_active: true,
      deprecated: false,
      sort_order: 0,
    });
    expect(perm.body.module_id).toBe(created.body.id);
    const globexRefused = await refusal(
      createPermission(globexAdmin(), {
        code: "globex_x.view",
        name: "x",
        module: "acme_custom",
        category: "actions",
        risk_level: "low",
        requires_mfa: false,
        requires_approval: false,
        is_active: true,
        deprecated: false,
        sort_order: 0,
      }),
    );
    expect(globexRefused.status).toBe(422);

    const moved = await updateModule(admin(), created.body.id, { sort_order: 7, is_active: false, icon: "folder" });
    expect(moved.body).toMatchObject({ sort_order: 7, is_active: false, icon: "folder" });
    // The same values again: nothing written, nothing bumped.
    const v = await versions();
    const n = await auditCount();
    await updateModule(admin(), created.body.id, { sort_order: 7 });
    expect(await versions()).toEqual(v);
    expect(await auditCount()).toBe(n);

    // Not empty: 409 with what it holds, nothing changed.
    const full = await refusal(deleteModule(admin(), created.body.id));
    expect(full.status).toBe(409);
    expect(full.extra).toMatchObject({ permissions: 1, menu_items: 0 });
    expect(await versions()).toEqual(v);
    await deletePermission(admin(), perm.body.id);
    expect((await deleteModule(admin(), created.body.id)).body).toBeNull();
    expect(await database.db.$count(modules, eq(modules.id, created.body.id))).toBe(0);
  });

  it("codes: unique per tenant, free across tenants, never a global one's", async () => {
    await createModule(admin(), { code: "shared_name", name: "Acme's", sort_order: 0, is_active: true });
    expect(
      (await refusal(createModule(admin(), { code: "shared_name", name: "again", sort_order: 0, is_active: true })))
        .status,
    ).toBe(409);
    const theirs = await createModule(globexAdmin(), {
      code: "shared_name",
      name: "Globex's",
      sort_order: 0,
      is_active: true,
    });
    expect(theirs.body.tenant_id).toBe(tenant.globex);
    const global = await refusal(
      createModule(admin(), { code: "sites", name: "Shadow", sort_order: 0, is_active: true }),
    );
    expect(global.status).toBe(422);
    expect(global.errors?.[0]?.path).toBe("body.code");
    // …nor may a global module shadow a tenant's.
    expect(
      (
        await refusal(
          createModule(superAdmin(), { code: "shared_name", name: "Global", sort_order: 0, is_active: true }),
        )
      ).status,
    ).toBe(409);
  });

  it("another tenant's module is a 404 exactly like an unknown id; a global one is the super-admin's (403)", async () => {
    const theirs = await createModule(globexAdmin(), {
      code: "globex_secret",
      name: "Secret",
      sort_order: 0,
      is_active: true,
    });
    const v = await versions();
    for (const write of [
      () => updateModule(admin(), theirs.body.id, { name: "Mine" }),
      () => deleteModule(admin(), theirs.body.id),
    ]) {
      const a = await refusal(write());
      expect(a.status).toBe(404);
      expect(a.detail).toBe((await refusal(updateModule(admin(), UNKNOWN, { name: "x" }))).detail);
    }
    const listed = await listNavigationModules(admin(), { active_only: false, limit: 200 });
    expect(listed.data.map((m) => m.code)).not.toContain("globex_secret");

    const [sites] = await database.db
      .select()
      .from(modules)
      .where(and(eq(modules.code, "sites"), isNull(modules.tenantId)));
    const denied = await refusal(updateModule(admin(), sites!.id, { name: "Mine" }));
    expect(denied.status).toBe(403);
    expect(denied.extra).toMatchObject({ required: "super-admin" });
    expect((await refusal(deleteModule(admin(), sites!.id))).status).toBe(403);
    expect(await versions()).toEqual(v);
    // A parent must be in the same catalog.
    const p = await refusal(
      createModule(admin(), { code: "under_sites", name: "x", parent_id: sites!.id, sort_order: 0, is_active: true }),
    );
    expect(p.status).toBe(422);
    expect(p.errors?.[0]?.path).toBe("body.parent_id");
  });
});

describe("the global catalog (super-admins)", () => {
  it("modules: a cycle is refused; a global change bumps every tenant", async () => {
    const before = await versions();
    const a = await createModule(superAdmin(), { code: "nav_a", name: "A", sort_order: 0, is_active: true });
    const b = await createModule(superAdmin(), {
      code: "nav_b",
      name: "B",
      parent_id: a.body.id,
      sort_order: 0,
      is_active: true,
    });
    const after = await versions();
    expect(after.acme).toBeGreaterThan(before.acme!);
    expect(after.globex).toBeGreaterThan(before.globex!);
    const [entry] = await database.db.select().from(auditEntries).where(eq(auditEntries.targetId, a.body.id));
    expect(entry?.tenantId).toBeNull();
    const cycle = await refusal(updateModule(superAdmin(), a.body.id, { parent_id: b.body.id }));
    expect(cycle.status).toBe(422);
    expect((await refusal(updateModule(superAdmin(), a.body.id, { parent_id: a.body.id }))).status).toBe(422);
    expect((await refusal(deleteModule(superAdmin(), a.body.id))).extra).toMatchObject({ children: 1 });
    await deleteModule(superAdmin(), b.body.id);
    await deleteModule(superAdmin(), a.body.id);
  });

  it("a menu item: created, gated by its permission and the plan, moved, deactivated, deleted out of every plan", async () => {
    const mod = await createModule(superAdmin(), {
      code: "ledger_mod",
      name: "Ledger",
      icon: "landmark",
      sort_order: 99,
      is_active: true,
    });
    const perm = await createPermission(superAdmin(), {
      code: "ledger.view",
      name: "View the ledger",
      category: "navigation",
      risk_level: "low",
      requires_mfa: false,
      requires_approval: false,
      is_active: true,
      deprecated: false,
      sort_order: 0,
    });
    const base = {
      module_id: mod.body.id,
      code: "ledger",
      name: "Ledger",
      description: "Every booking",
      route: "/ledger",
      icon: "book-open",
      resource: "ledger",
      permission_code: "ledger.view",
      sort_order: 0,
      is_active: true,
    };
    // Refusals first: each changes nothing.
    const v = await versions();
    const n = await auditCount();
    expect((await refusal(createMenuItem(admin(), base))).status).toBe(403);
    const unknownPerm = await refusal(createMenuItem(superAdmin(), { ...base, permission_code: "ledger.nope" }));
    expect(unknownPerm.errors?.[0]?.path).toBe("body.permission_code");
    const own = await createModule(admin(), { code: "acme_nav", name: "Acme nav", sort_order: 0, is_active: true });
    const tenantModule = await refusal(createMenuItem(superAdmin(), { ...base, module_id: own.body.id }));
    expect(tenantModule.errors?.[0]?.path).toBe("body.module_id");
    expect((await refusal(createMenuItem(superAdmin(), { ...base, resource: "sites" }))).status).toBe(409);
    expect((await refusal(createMenuItem(superAdmin(), { ...base, route: "/sites" }))).status).toBe(409);
    // The tenant module above, and the 403 (a denied admin action is audited, DESIGN §6): nothing else.
    expect(await auditCount()).toBe(n + 2);
    expect((await versions()).globex).toBe(v.globex);

    const item = await createMenuItem(superAdmin(), base);
    expect(item.body).toMatchObject({ description: "Every booking", plans: [], module: "ledger_mod" });
    // The admin holds everything, but Acme's plan does not include the new item: the sidebar hides it.
    const names = async () =>
      (await getMyMenus(admin())).modules.flatMap((m) => (m.items as { name: string }[]).map((i) => i.name));
    expect(await names()).not.toContain("Ledger");
    const [acmePlan] = await database.db
      .select({ planId: tenants.planId })
      .from(tenants)
      .where(eq(tenants.id, tenant.acme!));
    expect(acmePlan?.planId).toBeTruthy();
    await database.db.insert(planFeatures).values({ planId: acmePlan!.planId!, menuItemId: item.body.id });
    const { permissionCache } = await import("@/lib/permissions/server");
    (await permissionCache()).onNotify(JSON.stringify({ all: true }));
    expect(await names()).toContain("Ledger");

    const moved = await updateMenuItem(superAdmin(), item.body.id, { name: "General ledger", sort_order: 3 });
    expect(moved.body).toMatchObject({ name: "General ledger", sort_order: 3 });
    expect(await names()).toContain("General ledger");
    await updateMenuItem(superAdmin(), item.body.id, { is_active: false });
    expect(await names()).not.toContain("General ledger");
    await updateMenuItem(superAdmin(), item.body.id, { is_active: true });
    await updateModule(superAdmin(), mod.body.id, { is_active: false });
    expect(await names()).not.toContain("General ledger");
    await updateModule(superAdmin(), mod.body.id, { is_active: true });

    expect((await refusal(deleteModule(superAdmin(), mod.body.id))).extra).toMatchObject({ menu_items: 1 });
    const inPlans = await database.db
      .select({ code: plans.code })
      .from(planFeatures)
      .innerJoin(plans, eq(plans.id, planFeatures.planId))
      .where(eq(planFeatures.menuItemId, item.body.id));
    await deleteMenuItem(superAdmin(), item.body.id);
    expect(await database.db.$count(menuItems, eq(menuItems.id, item.body.id))).toBe(0);
    expect(await database.db.$count(planFeatures, eq(planFeatures.menuItemId, item.body.id))).toBe(0);
    const [deleted] = await database.db.select().from(auditEntries).where(eq(auditEntries.action, "menu_item.deleted"));
    expect((deleted!.before as { plans: string[] }).plans).toEqual(inPlans.map((p) => p.code).sort());
    expect((await refusal(deleteMenuItem(superAdmin(), item.body.id))).status).toBe(404);
    await deleteModule(superAdmin(), mod.body.id);
    expect(perm.body.code).toBe("ledger.view");
  });
});
