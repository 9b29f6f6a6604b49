import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { findUserByEmail } from "@/db/queries/users";
import { modules, permissions, tenants, userOverrides } from "@/db/schema";
import { seed } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { Principal } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import { permissionListQuery } from "@/lib/validation/catalog";
import { userAuditQuery, userPermissionsQuery } from "@/lib/validation/users";
import { listAudit } from "./audit-log";
import { listPermissions } from "./catalog";
import { setOverrides } from "./user-writes";
import { getUserAudit, getUserPermissions } from "./users";

/**
 * The seed APIs' filters as API.md writes them (issue 14 §7), on the seeded demo world with the
 * real gate: `include_inherited=false` is the direct overrides only; `module` is the permission's
 * module by code or id; the catalog lists active permissions unless `active_only=false`; a
 * user's audit history pages like every list, with cursors of its own.
 */

vi.mock("@/lib/auth", () => ({ auth: async () => null }));
const DATABASE_KEY = Symbol.for("gatehouse.database");
let database: TestDatabase;
let admin: Principal;
let member: string;

const ctx = () => ({ db: database.db, principal: admin, meta: { ip: null, userAgent: null } });
const codes = (rows: { code: string }[]) => rows.map((r) => r.code).sort();

beforeAll(async () => {
  database = await createTestDatabase();
  await seed(database.db);
  (globalThis as Record<symbol, unknown>)[DATABASE_KEY] = Promise.resolve(database);
  const acme = (await database.db.select().from(tenants).where(eq(tenants.slug, "acme")))[0]!.id;
  const adminId = (await findUserByEmail(database.db, "admin@acme.test"))!.id;
  member = (await findUserByEmail(database.db, "member@acme.test"))!.id;
  admin = {
    kind: "api_key",
    userId: null,
    tenantId: acme,
    isSuperAdmin: false,
    label: "API key filters",
    apiKey: {
      id: "00000000-0000-4000-8000-00000000f17e",
      tenantId: acme,
      name: "filters",
      scopes: ["read", "write"],
      createdBy: adminId,
    },
  };
  // Three writes about the member: an allow, a deny, then a second allow (three audit entries).
  for (const [code, effect] of [
    ["sites.list.export_button", "allow"],
    ["contacts.view", "deny"],
    ["jobs.detail.view", "allow"],
  ] as const)
    await setOverrides(ctx(), member, { permissions: [{ code, effect, notes: "filters" }] });
});
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[DATABASE_KEY];
  await database.destroy();
});

describe("GET /users/{id}/permissions", () => {
  it("include_inherited=false answers the user's direct overrides only; the default answers every code", async () => {
    const direct = await getUserPermissions(ctx(), member, userPermissionsQuery.parse({ include_inherited: "false" }));
    // The three above and what the demo world gave the member already: exactly the override rows.
    const rows = await database.db
      .select({ code: permissions.code })
      .from(userOverrides)
      .innerJoin(permissions, eq(permissions.id, userOverrides.permissionId))
      .where(and(eq(userOverrides.userId, member), eq(userOverrides.tenantId, admin.tenantId!)));
    expect(codes(direct.data)).toEqual(codes(rows));
    expect(codes(direct.data)).toEqual(
      expect.arrayContaining(["contacts.view", "jobs.detail.view", "sites.list.export_button"]),
    );
    expect(direct.data.every((p) => p.source === "direct")).toBe(true);
    expect(direct.data.find((p) => p.code === "contacts.view")).toMatchObject({ granted: false, notes: "filters" });
    const all = await getUserPermissions(ctx(), member, userPermissionsQuery.parse({}));
    expect(all.data.length).toBeGreaterThan(direct.data.length + 10);
    expect(new Set(all.data.map((p) => p.source)).size).toBeGreaterThan(2);
  });

  it("module matches the permission's module by code or by id, not a prefix of the code", async () => {
    const sites = (await database.db.select().from(modules).where(eq(modules.code, "sites")))[0]!;
    const byCode = await getUserPermissions(ctx(), member, userPermissionsQuery.parse({ module: "sites" }));
    const byId = await getUserPermissions(ctx(), member, userPermissionsQuery.parse({ module: sites.id }));
    expect(byCode.data.length).toBeGreaterThan(0);
    expect(codes(byId.data)).toEqual(codes(byCode.data));
    expect(byCode.data.every((p) => p.module_id === sites.id && p.module === "sites")).toBe(true);
    // A code prefix is not a module.
    const prefix = await getUserPermissions(ctx(), member, userPermissionsQuery.parse({ module: "sites.list" }));
    expect(prefix.data).toEqual([]);
  });
});

describe("GET /permissions", () => {
  it("lists active permissions unless active_only=false", async () => {
    await database.db
      .update(permissions)
      .set({ isActive: false })
      .where(eq(permissions.code, "sites.list.export_button"));
    const list = async (q: Record<string, string>) =>
      codes(
        (await listPermissions(ctx(), permissionListQuery.parse({ limit: "200", search: "export_button", ...q }))).data,
      );
    expect(await list({})).not.toContain("sites.list.export_button");
    expect(await list({ active_only: "true" })).not.toContain("sites.list.export_button");
    expect(await list({ active_only: "false" })).toContain("sites.list.export_button");
  });
});

describe("GET /users/{id}/audit", () => {
  it("pages like every list: limit, next_cursor, and the rest on the next page, newest first", async () => {
    const first = await getUserAudit(ctx(), member, userAuditQuery.parse({ limit: "2" }));
    expect(first.data).toHaveLength(2);
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = await getUserAudit(ctx(), member, userAuditQuery.parse({ limit: "2", cursor: first.next_cursor }));
    expect(second.data.length).toBeGreaterThanOrEqual(1);
    const ids = [...first.data, ...second.data].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const all = await getUserAudit(ctx(), member, userAuditQuery.parse({ limit: "200" }));
    expect(all.data.map((e) => e.id).slice(0, ids.length)).toEqual(ids);
    expect(all.next_cursor).toBeNull();
  });

  it("a cursor of the tenant's audit list is refused (400, query.cursor), and the other way round", async () => {
    const tenantPage = await listAudit(ctx(), { limit: 1, scope: "tenant" } as never);
    const refused = await getUserAudit(ctx(), member, { limit: 2, cursor: tenantPage.next_cursor! }).catch((e) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 400 });
    const mine = await getUserAudit(ctx(), member, userAuditQuery.parse({ limit: "1" }));
    const other = await listAudit(ctx(), { limit: 1, scope: "tenant", cursor: mine.next_cursor! } as never).catch(
      (e) => e,
    );
    expect(other).toMatchObject({ status: 400 });
  });
});
