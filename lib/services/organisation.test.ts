import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { currentPermVersion } from "@/db/queries/perm-version";
import { findUserByEmail } from "@/db/queries/users";
import { auditEntries, departments, memberships, roles, tenants, userRoles } from "@/db/schema";
import { seed } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { Principal } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import { checkPermission } from "./check";
import {
  createDepartment,
  createTeam,
  deleteDepartment,
  deleteTeam,
  listTenantDepartments,
  renameDepartment,
  replaceTeamMembers,
  updateTeam,
} from "./organisation";
import { updateMember } from "./user-writes";
import { changeOf } from "./write-transaction";

/**
 * Departments and teams (issue 14 §1, API.md "Organisation structure") on the seeded demo world
 * with the real gate and decision state: placement decides department- and team-scoped grants at
 * once, every change is audited and bumps perm_version naming only the users it moved, another
 * tenant's ids are 404 like unknown ones, and nobody moves themselves.
 */

vi.mock("@/lib/auth", () => ({ auth: async () => null }));
const DATABASE_KEY = Symbol.for("gatehouse.database");
let database: TestDatabase;
let acme: string;
let globex: string;
let admin: Principal;
const id: Record<string, string> = {};

const keyOf = (tenantId: string, createdBy: string): Principal => ({
  kind: "api_key",
  userId: null,
  tenantId,
  isSuperAdmin: false,
  label: "API key organisation",
  apiKey: {
    id: "00000000-0000-4000-8000-0000000000a1",
    tenantId,
    name: "org",
    scopes: ["read", "write", "check"],
    createdBy,
  },
});
const ctx = (principal = admin) => ({ db: database.db, principal, meta: { ip: null, userAgent: null } });
const body = <T>(w: { body: T }) => w.body;

async function refusal(run: () => unknown): Promise<ApiError> {
  const error = await Promise.resolve()
    .then(run)
    .then(
      () => null,
      (e: unknown) => e,
    );
  if (!(error instanceof ApiError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

/** Whether `who` may edit a job of this team / journal of this department, as the check API decides. */
const may = async (who: string, code: string, resource: Record<string, string>) =>
  (await checkPermission(ctx(), { user_id: who, code, context: { resource } })).granted;

beforeAll(async () => {
  database = await createTestDatabase();
  await seed(database.db);
  (globalThis as Record<symbol, unknown>)[DATABASE_KEY] = Promise.resolve(database);
  acme = (await database.db.select().from(tenants).where(eq(tenants.slug, "acme")))[0]!.id;
  globex = (await database.db.select().from(tenants).where(eq(tenants.slug, "globex")))[0]!.id;
  for (const [who, email] of [
    ["admin", "admin@acme.test"],
    ["member", "member@acme.test"],
    ["viewer", "viewer@acme.test"],
    ["globexAdmin", "admin@globex.test"],
  ] as const)
    id[who] = (await findUserByEmail(database.db, email))!.id;
  admin = keyOf(acme, id.admin!);
  // The viewer is a Billing Clerk too: finance.journal.create, department-scoped.
  const [clerk] = await database.db
    .select({ id: roles.id })
    .from(roles)
    .where(and(eq(roles.tenantId, acme), eq(roles.name, "Billing Clerk")));
  await database.db.insert(userRoles).values({ tenantId: acme, userId: id.viewer!, roleId: clerk!.id });
});
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[DATABASE_KEY];
  await database.destroy();
});

describe("placement decides scoped grants", () => {
  it("a team-scoped grant: in the team yes, out of it (or the team gone) no", async () => {
    const team = body(await createTeam(ctx(), { name: "Night Shift" }));
    const job = { team_id: team.id };
    expect(await may(id.member!, "jobs.detail.edit", job)).toBe(false);
    const placed = await replaceTeamMembers(ctx(), team.id, [id.member!]);
    expect(placed.body.member_ids).toEqual([id.member]);
    expect(await may(id.member!, "jobs.detail.edit", job)).toBe(true);
    await replaceTeamMembers(ctx(), team.id, []);
    expect(await may(id.member!, "jobs.detail.edit", job)).toBe(false);
    await replaceTeamMembers(ctx(), team.id, [id.member!]);
    await deleteTeam(ctx(), team.id);
    expect(await may(id.member!, "jobs.detail.edit", job)).toBe(false);
  });

  it("a department-scoped grant follows the member's department, and its deletion", async () => {
    const audit = body(await createDepartment(ctx(), { name: "Internal Audit" }));
    const journal = { department_id: audit.id };
    expect(await may(id.viewer!, "finance.journal.create", journal)).toBe(false);
    const moved = await updateMember(ctx(), id.viewer!, { department_id: audit.id });
    expect(moved.body).toMatchObject({ department_id: audit.id, membership_status: "active" });
    expect(await may(id.viewer!, "finance.journal.create", journal)).toBe(true);
    await deleteDepartment(ctx(), audit.id);
    const [row] = await database.db
      .select({ departmentId: memberships.departmentId })
      .from(memberships)
      .where(and(eq(memberships.tenantId, acme), eq(memberships.userId, id.viewer!)));
    expect(row!.departmentId).toBeNull();
    expect(await may(id.viewer!, "finance.journal.create", journal)).toBe(false);
  });
});

describe("every change is audited and bumps perm_version, naming only whom it moved", () => {
  it("create, rename and delete; a rename to the same name changes nothing", async () => {
    const v0 = await currentPermVersion(database.db, acme);
    const d = await createDepartment(ctx(), { name: "Legal" });
    expect(d.created).toBe(true);
    expect(d.permVersion).toBe(v0! + 1);
    const same = await renameDepartment(ctx(), d.body.id, { name: "Legal" });
    expect(same.permVersion).toBe(v0! + 1);
    const renamed = await renameDepartment(ctx(), d.body.id, { name: "Legal & Compliance" });
    expect(renamed.body.name).toBe("Legal & Compliance");
    const entries = await database.db
      .select({ action: auditEntries.action, before: auditEntries.before, after: auditEntries.after })
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, acme), eq(auditEntries.targetId, d.body.id)));
    expect(entries.map((e) => e.action)).toEqual(["department.created", "department.updated"]);
    expect(entries[1]).toMatchObject({ before: { name: "Legal" }, after: { name: "Legal & Compliance" } });
  });

  it("the NOTIFY names the users a change moved, and nobody for a new or renamed one", () => {
    expect(changeOf([{ action: "team.created", targetType: "team", targetId: "t", affects: [] }])).toEqual({
      policy: false,
      users: [],
    });
    expect(
      changeOf([{ action: "team.members.updated", targetType: "team", targetId: "t", affects: ["a", "b"] }]),
    ).toEqual({ policy: false, users: ["a", "b"] });
    // Without `affects`, an entry about something unknown still drops the whole tenant.
    expect(changeOf([{ action: "team.deleted", targetType: "team", targetId: "t" }])).toEqual({});
  });

  it("a department counts its members and its teams", async () => {
    const dept = body(await createDepartment(ctx(), { name: "Counted" }));
    await createTeam(ctx(), { name: "Counted Team", department_id: dept.id });
    await updateMember(ctx(), id.member!, { department_id: dept.id });
    const listed = await listTenantDepartments(ctx(), { limit: 200 });
    expect(listed.data.find((d) => d.id === dept.id)).toMatchObject({ member_count: 1, team_count: 1 });
    const finance = listed.data.find((d) => d.name === "Finance")!;
    expect(finance.team_count).toBe(1);
  });

  it("names are unique per tenant, case-insensitively (409)", async () => {
    await createTeam(ctx(), { name: "Red Team" });
    expect((await refusal(() => createTeam(ctx(), { name: "red team" }))).status).toBe(409);
    await createDepartment(ctx(), { name: "Research" });
    expect((await refusal(() => createDepartment(ctx(), { name: "RESEARCH" }))).status).toBe(409);
  });
});

describe("refusals change nothing", () => {
  it("another tenant's department, team or user is a 404 or a stranger, exactly like an unknown id", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    const theirs = body(await createDepartment(ctx(keyOf(globex, id.globexAdmin!)), { name: "Globex Dept" }));
    const theirTeam = body(await createTeam(ctx(keyOf(globex, id.globexAdmin!)), { name: "Globex Team" }));
    for (const dept of [theirs.id, unknown]) {
      expect((await refusal(() => renameDepartment(ctx(), dept, { name: "Mine now" }))).status).toBe(404);
      expect((await refusal(() => deleteDepartment(ctx(), dept))).status).toBe(404);
      expect((await refusal(() => updateMember(ctx(), id.member!, { department_id: dept }))).status).toBe(404);
      expect((await refusal(() => createTeam(ctx(), { name: `T ${dept}`, department_id: dept }))).status).toBe(404);
    }
    for (const team of [theirTeam.id, unknown]) {
      expect((await refusal(() => updateTeam(ctx(), team, { name: "Mine" }))).status).toBe(404);
      expect((await refusal(() => deleteTeam(ctx(), team))).status).toBe(404);
      expect((await refusal(() => replaceTeamMembers(ctx(), team, []))).status).toBe(404);
    }
    const mine = body(await createTeam(ctx(), { name: "Blue Team" }));
    const stranger = await refusal(() => replaceTeamMembers(ctx(), mine.id, [id.member!, id.globexAdmin!, unknown]));
    expect(stranger.status).toBe(422);
    expect(stranger.extra).toEqual({ not_members: [id.globexAdmin, unknown] });
    const [still] = await database.db.select().from(departments).where(eq(departments.id, theirs.id));
    expect(still!.name).toBe("Globex Dept");
  });

  it("nobody moves themselves (it would widen their own scoped grants)", async () => {
    const team = body(await createTeam(ctx(), { name: "Self Team" }));
    expect((await refusal(() => replaceTeamMembers(ctx(), team.id, [id.admin!]))).status).toBe(422);
    const dept = body(await createDepartment(ctx(), { name: "Self Dept" }));
    const v = await currentPermVersion(database.db, acme);
    expect((await refusal(() => updateMember(ctx(), id.admin!, { department_id: dept.id }))).status).toBe(422);
    expect(await currentPermVersion(database.db, acme)).toBe(v);
  });

  it("a member without users.manage is refused (403)", async () => {
    const viewerKey = keyOf(acme, id.viewer!);
    expect((await refusal(() => createDepartment(ctx(viewerKey), { name: "Nope" }))).status).toBe(403);
  });
});
