import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { snapshotRoleMembers } from "@/db/queries/role-members";
import { roleMemberDays, roles, tenants, userRoles, users } from "@/db/schema";
import { closeWorld, driver, invoke, openWorld, type Persona, signIn, type World } from "./testing/harness";

/**
 * GET /api/v1/stats/role-members on the seeded demo world (either driver): past days are the
 * snapshots the server's hourly task records (called here as the task calls it), today is counted
 * live; a day without a snapshot is null, never zero; an expired assignment is not a member.
 */
vi.mock("@/lib/auth", async () => (await import("@/lib/api/testing/fake-session")).fakeAuth);
vi.mock("next/headers", async () => (await import("@/lib/api/testing/fake-session")).fakeHeaders);

let world: World;
const ids = {} as Record<"acme" | "globex" | "lead" | "member" | "fieldEngineer", string>;
const DAY = 86_400_000;
const day = (ago: number) => new Date(Date.now() - ago * DAY).toISOString().slice(0, 10);

async function get(who: Persona, tenant: string, query: Record<string, string>) {
  await signIn(world, who, tenant);
  const res = await invoke(world, { method: "GET", pattern: "/api/v1/stats/role-members", query });
  return { status: res.status, body: await res.json() };
}
const series = (body: { data: { label: string; members: (number | null)[]; members_now: number }[] }, role: string) =>
  body.data.find((r) => r.label === role)!;

beforeAll(async () => {
  world = await openWorld();
  const { db } = world.database;
  const tenant = async (slug: string) => (await db.select().from(tenants).where(eq(tenants.slug, slug)))[0]!.id;
  ids.acme = await tenant("acme");
  ids.globex = await tenant("globex");
  const user = async (email: string) => (await db.select().from(users).where(eq(users.email, email)))[0]!.id;
  ids.lead = await user("lead@acme.test");
  ids.member = await user("member@acme.test");
  ids.fieldEngineer = (
    await db
      .select()
      .from(roles)
      .where(and(eq(roles.tenantId, ids.acme), eq(roles.name, "Field Engineer")))
  )[0]!.id;
});
afterAll(() => closeWorld(world));

describe(`members per role over time (${driver})`, () => {
  it("past days from their snapshots, today live, gaps null; an assignment moves today only", async () => {
    const { db } = world.database;
    await snapshotRoleMembers(db, day(1));
    // The task runs every hour: a second count of the same day replaces the first.
    expect(await snapshotRoleMembers(db, day(1))).toBeGreaterThan(0);
    let { status, body } = await get("admin", ids.acme, { from: day(3), to: day(0) });
    expect(status).toBe(200);
    expect(body.days).toEqual([day(3), day(2), day(1), day(0)]);
    const before = series(body, "Field Engineer");
    const n = before.members_now;
    expect(before.members).toEqual([null, null, n, n]);
    expect(body.data.map((r: { label: string }) => r.label)).toEqual(
      [...body.data.map((r: { label: string }) => r.label)].sort((a: string, b: string) => a.localeCompare(b)),
    );

    // One more member today (through the API, as an admin does).
    await signIn(world, "admin", ids.acme);
    const assigned = await invoke(world, {
      method: "POST",
      pattern: "/api/v1/users/[id]/roles",
      params: { id: ids.lead },
      body: { role_id: ids.fieldEngineer },
    });
    expect(assigned.status).toBe(201);
    ({ body } = await get("admin", ids.acme, { from: day(3), to: day(0) }));
    expect(series(body, "Field Engineer").members).toEqual([null, null, n, n + 1]);
    expect(series(body, "Field Engineer").members_now).toBe(n + 1);

    // An assignment that has expired is no member: not now, not in the next snapshot.
    await db
      .update(userRoles)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(and(eq(userRoles.userId, ids.lead), eq(userRoles.roleId, ids.fieldEngineer)));
    await snapshotRoleMembers(db, day(2));
    ({ body } = await get("admin", ids.acme, { from: day(3), to: day(0) }));
    expect(series(body, "Field Engineer").members).toEqual([null, n, n, n]);
  });

  it("a tenant sees its own roles only; the snapshots keep every role, zero included", async () => {
    const { db } = world.database;
    const { body } = await get("globex", ids.globex, { from: day(1), to: day(1) });
    expect(body.data.map((r: { label: string }) => r.label)).toContain("Warehouse Clerk");
    expect(body.data.map((r: { label: string }) => r.label)).not.toContain("Field Engineer");
    const acmeRoles = await db.select().from(roles).where(eq(roles.tenantId, ids.acme));
    const recorded = await db
      .select()
      .from(roleMemberDays)
      .where(and(eq(roleMemberDays.tenantId, ids.acme), eq(roleMemberDays.day, day(1))));
    expect(recorded).toHaveLength(acmeRoles.length);
  });

  it("refuses what it cannot answer, by field; a member without stats.view is 403", async () => {
    for (const [query, path] of [
      [{ from: day(0), to: day(1) }, "from"],
      [{ from: "2020-01-01", to: "2021-12-31" }, "from"],
      [{ from: "1969-12-31" }, "from"],
      [{ to: "yesterday" }, "to"],
      [{ group_by: "role" }, ""],
    ] as const) {
      const { status, body } = await get("admin", ids.acme, query);
      expect(status, JSON.stringify(query)).toBe(400);
      expect(JSON.stringify(body.errors), JSON.stringify(query)).toContain(path);
    }
    expect((await get("admin", ids.acme, { from: "2024-01-01", to: "2024-12-31" })).body.days).toHaveLength(366);
    expect((await get("member", ids.acme, {})).status).toBe(403);
  });
});
