import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  auditEntries,
  invitations,
  memberships,
  permissions,
  roleGrants,
  roles,
  tenants,
  userRoles,
  users,
} from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { verifyPassword } from "@/lib/auth/password";
import type { Principal } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import {
  acceptInvitationLink,
  createInvitation,
  listInvitations,
  previewInvitation,
  revokeInvitation,
} from "./invitation-links";
import { createTenant } from "./tenants";

// The route gate (`authorize`) is proven by the e2e spec; here the services' own rules, on a real database.
vi.mock("@/lib/auth/authorize", () => ({ authorize: async () => undefined }));
vi.mock("@/lib/permissions/server", () => ({ permissionCache: async () => ({ onNotify: () => undefined }) }));

let database: TestDatabase;
let acme: string;
let initech: string;
const id: Record<string, string> = {};
const role: Record<string, string> = {};
const ORIGIN = "https://gatehouse.example";

const as = (name: string, tenantId: string, isSuperAdmin = false): Principal => ({
  kind: "user",
  userId: id[name]!,
  tenantId,
  isSuperAdmin,
  label: name,
  viewer: {} as never,
});
const meta = { ip: null, userAgent: null };
const ctx = (principal: Principal) => ({ db: database.db, principal, meta });
const anonymous = () => ({ db: database.db, principal: null, meta });
const tokenOf = (url: string) => url.split("/invite/")[1]!;

async function refusal(write: Promise<unknown>): Promise<ApiError> {
  const error = await write.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}
const count = async (table: typeof users | typeof memberships | typeof invitations) =>
  (await database.db.select().from(table)).length;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const [a, i] = await db
    .insert(tenants)
    .values([
      { name: "Acme", slug: "acme" },
      { name: "Initech", slug: "initech" },
    ])
    .returning();
  acme = a!.id;
  initech = i!.id;
  const people = await db
    .insert(users)
    .values([
      { email: "root@platform.test", name: "root", isSuperAdmin: true },
      { email: "lead@acme.test", name: "lead" },
      { email: "bill@initech.test", name: "bill" },
      { email: "peter@initech.test", name: "peter" },
    ])
    .returning();
  for (const u of people) id[u.name] = u.id;
  await db.insert(memberships).values([
    { tenantId: acme, userId: id.root! },
    { tenantId: acme, userId: id.lead! },
    { tenantId: initech, userId: id.bill! },
    { tenantId: initech, userId: id.peter! },
  ]);
  const perms = await db
    .insert(permissions)
    .values([
      { code: "gatehouse.users.manage", name: "Manage users" },
      { code: "billing.pay", name: "Pay" },
    ])
    .returning();
  const made = await db
    .insert(roles)
    .values([
      { tenantId: acme, name: "Clerk" },
      { tenantId: acme, name: "Payer" },
      { tenantId: initech, name: "Other" },
    ])
    .returning();
  for (const r of made) role[r.name] = r.id;
  await db.insert(roleGrants).values([
    { tenantId: acme, roleId: role.Clerk!, permissionId: perms[0]!.id },
    { tenantId: acme, roleId: role.Payer!, permissionId: perms[1]!.id },
  ]);
  // lead may confer Clerk (holds users.manage) but not Payer.
  await db.insert(userRoles).values({ tenantId: acme, userId: id.lead!, roleId: role.Clerk! });
});
afterAll(() => database.destroy());

describe("invitations by link", () => {
  it("a new person accepts the link once: the account, its membership and roles, audited; the token is stored hashed", async () => {
    const made = await createInvitation(
      ctx(as("lead", acme)),
      { email: "new@person.test", role_ids: [role.Clerk!], expires_in_days: 3 },
      ORIGIN,
    );
    expect(made.created).toBe(true);
    const url = made.body.invite_url;
    expect(url).toMatch(/^https:\/\/gatehouse\.example\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(made.body.roles).toEqual([{ id: role.Clerk, name: "Clerk" }]);
    expect(Date.parse(made.body.expires_at) - Date.now()).toBeGreaterThan(2.9 * 86_400_000);
    const [stored] = await database.db.select().from(invitations).where(eq(invitations.id, made.body.id));
    expect(stored!.tokenHash).not.toContain(tokenOf(url));
    expect(JSON.stringify(stored)).not.toContain(tokenOf(url));
    // Listed for its tenant only.
    expect((await listInvitations(ctx(as("lead", acme)), { limit: 50 })).data.map((i) => i.email)).toEqual([
      "new@person.test",
    ]);
    expect((await listInvitations(ctx(as("bill", initech)), { limit: 50 })).data).toEqual([]);
    expect((await previewInvitation(database.db, tokenOf(url)))!.usable).toBe(true);

    // Missing name and password: 400 with their paths, and nothing made.
    const before = await count(users);
    const missing = await refusal(acceptInvitationLink(anonymous(), { token: tokenOf(url) }));
    expect(missing.status).toBe(400);
    expect(missing.errors!.map((e) => e.path)).toEqual(["body.name", "body.password"]);
    expect(await count(users)).toBe(before);

    const joined = await acceptInvitationLink(anonymous(), {
      token: tokenOf(url),
      name: "New Person",
      password: "correct horse battery",
    });
    expect(joined.created).toBe(true);
    const userId = (joined.body as unknown as { user: { id: string } }).user.id;
    expect(joined.body).toMatchObject({ tenant_id: acme, role_ids: [role.Clerk], user: { email: "new@person.test" } });
    const [account] = await database.db.select().from(users).where(eq(users.id, userId));
    expect(await verifyPassword(account!.passwordHash!, "correct horse battery")).toBe(true);
    const held = await database.db.select().from(userRoles).where(eq(userRoles.userId, userId));
    expect(held.map((r) => [r.tenantId, r.roleId])).toEqual([[acme, role.Clerk]]);
    const audited = await database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, acme), eq(auditEntries.actorId, userId)));
    expect(audited.map((e) => e.action).sort()).toEqual(["invitation.accepted", "user.created"]);

    // Replayed: 410, nothing more made; no longer listed.
    const users1 = await count(users);
    const replay = await refusal(
      acceptInvitationLink(anonymous(), { token: tokenOf(url), name: "Again", password: "another long password" }),
    );
    expect(replay.status).toBe(410);
    expect(await count(users)).toBe(users1);
    expect((await listInvitations(ctx(as("lead", acme)), { limit: 50 })).data).toEqual([]);
  });

  it("grant only what you hold: a role beyond the inviter is refused (403) and nothing is stored", async () => {
    const before = await count(invitations);
    const refused = await refusal(
      createInvitation(
        ctx(as("lead", acme)),
        { email: "x@y.test", role_ids: [role.Payer!], expires_in_days: 7 },
        ORIGIN,
      ),
    );
    expect(refused.status).toBe(403);
    expect(refused.extra.missing_permissions).toEqual(["billing.pay"]);
    // Another tenant's role is unknown here.
    expect(
      (
        await refusal(
          createInvitation(
            ctx(as("lead", acme)),
            { email: "x@y.test", role_ids: [role.Other!], expires_in_days: 7 },
            ORIGIN,
          ),
        )
      ).status,
    ).toBe(404);
    expect(await count(invitations)).toBe(before);
  });

  it("a member, or an email invited already, is 409", async () => {
    const lead = ctx(as("lead", acme));
    expect(
      (await refusal(createInvitation(lead, { email: "lead@acme.test", role_ids: [], expires_in_days: 7 }, ORIGIN)))
        .status,
    ).toBe(409);
    await createInvitation(lead, { email: "twice@acme.test", role_ids: [], expires_in_days: 7 }, ORIGIN);
    expect(
      (await refusal(createInvitation(lead, { email: "twice@acme.test", role_ids: [], expires_in_days: 7 }, ORIGIN)))
        .status,
    ).toBe(409);
  });

  it("revoked or expired: 410; another tenant's invitation id is a 404 like an unknown one", async () => {
    const lead = ctx(as("lead", acme));
    const made = await createInvitation(lead, { email: "rev@acme.test", role_ids: [], expires_in_days: 7 }, ORIGIN);
    expect((await refusal(revokeInvitation(ctx(as("bill", initech)), made.body.id))).status).toBe(404);
    expect((await refusal(revokeInvitation(lead, "00000000-0000-4000-8000-000000000000"))).status).toBe(404);
    await revokeInvitation(lead, made.body.id);
    expect((await refusal(revokeInvitation(lead, made.body.id))).status).toBe(410);
    const token = tokenOf(made.body.invite_url);
    expect(
      (await refusal(acceptInvitationLink(anonymous(), { token, name: "R", password: "a long password!" }))).status,
    ).toBe(410);
    const [revoked] = await database.db.select().from(auditEntries).where(eq(auditEntries.targetId, made.body.id));
    expect(revoked).toBeDefined();

    const old = await createInvitation(lead, { email: "old@acme.test", role_ids: [], expires_in_days: 1 }, ORIGIN);
    await database.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, old.body.id));
    expect((await listInvitations(lead, { limit: 50 })).data.find((i) => i.id === old.body.id)!.status).toBe("expired");
    const before = await count(users);
    expect(
      (
        await refusal(
          acceptInvitationLink(anonymous(), {
            token: tokenOf(old.body.invite_url),
            name: "O",
            password: "a long password!",
          }),
        )
      ).status,
    ).toBe(410);
    expect(await count(users)).toBe(before);
    expect((await refusal(acceptInvitationLink(anonymous(), { token: "A".repeat(43) }))).status).toBe(404);
  });

  it("an existing account of another tenant is never added silently: it must sign in as itself to join", async () => {
    const made = await createInvitation(
      ctx(as("lead", acme)),
      { email: "bill@initech.test", role_ids: [role.Clerk!], expires_in_days: 7 },
      ORIGIN,
    );
    const token = tokenOf(made.body.invite_url);
    const isMember = async () =>
      (
        await database.db
          .select()
          .from(memberships)
          .where(and(eq(memberships.tenantId, acme), eq(memberships.userId, id.bill!)))
      ).length === 1;
    const anon = await refusal(
      acceptInvitationLink(anonymous(), { token, name: "Bill", password: "hijack attempt!!" }),
    );
    expect(anon.status).toBe(401);
    expect(anon.extra.sign_in_required).toBe(true);
    expect((await refusal(acceptInvitationLink(ctx(as("peter", initech)), { token }))).status).toBe(403);
    expect(await isMember()).toBe(false);
    const joined = await acceptInvitationLink(ctx(as("bill", initech)), { token });
    expect(joined.body).toEqual({ tenant_id: acme, role_ids: [role.Clerk] });
    expect(await isMember()).toBe(true);
  });
});

describe("a tenant's first Admin (admin_email)", () => {
  it("an existing account becomes its Admin at once; an unknown email is invited with the Admin role", async () => {
    const root = ctx(as("root", acme, true));
    const withMember = await createTenant(
      root,
      { name: "Umbrella", slug: "umbrella", admin_email: "peter@initech.test" },
      ORIGIN,
    );
    const body = withMember.body as { id: string; admin: { outcome: string; invite_url: string | null } };
    expect(body.admin).toEqual({ email: "peter@initech.test", outcome: "member", invite_url: null });
    const [admin] = await database.db
      .select({ name: roles.name })
      .from(userRoles)
      .innerJoin(roles, eq(roles.id, userRoles.roleId))
      .where(and(eq(userRoles.tenantId, body.id), eq(userRoles.userId, id.peter!)));
    expect(admin!.name).toBe("Admin");

    const withInvite = await createTenant(
      root,
      { name: "Hooli", slug: "hooli", admin_email: "gavin@hooli.test" },
      ORIGIN,
    );
    const invited = withInvite.body as { id: string; admin: { outcome: string; invite_url: string } };
    expect(invited.admin.outcome).toBe("invited");
    const joined = await acceptInvitationLink(anonymous(), {
      token: tokenOf(invited.admin.invite_url),
      name: "Gavin",
      password: "hooli hooli hooli",
    });
    const [held] = await database.db
      .select({ name: roles.name })
      .from(userRoles)
      .innerJoin(roles, eq(roles.id, userRoles.roleId))
      .where(eq(userRoles.userId, (joined.body as unknown as { user: { id: string } }).user.id));
    expect(held!.name).toBe("Admin");
  });
});
