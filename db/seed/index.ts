import { createHash } from "node:crypto";
import { count, eq, inArray, isNull, sql } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { createDefaultRoles } from "@/lib/services/tenant-defaults";
import type { Db, Tx } from "../client";
import * as s from "../schema";
import * as catalog from "./catalog";
import { DEMO_PASSWORD, globalTemplates, PERSONAS, type TenantSeed, tenantSeeds } from "./world";

export { DEMO_PASSWORD, PERSONAS } from "./world";

/** Seeds the demo world when the database holds no tenant yet. Returns whether it seeded. */
export async function seedIfEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(s.tenants);
  if ((row?.n ?? 0) > 0) return false;
  await seed(db);
  return true;
}

/**
 * Idempotent: the global catalog is inserted with ON CONFLICT DO NOTHING on its natural keys, and a
 * tenant is created (with everything in it, in one transaction) only when its slug is new.
 */
export async function seed(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    await seedCatalog(tx);
    await tx
      .insert(s.users)
      .values({ email: PERSONAS.superAdmin.email, name: PERSONAS.superAdmin.name, passwordHash, isSuperAdmin: true })
      .onConflictDoNothing();
  });
  for (const t of tenantSeeds) await db.transaction((tx) => seedTenant(tx, t, passwordHash));
}

async function idsBy<T extends { id: string }>(rows: T[], key: (r: T) => string): Promise<Map<string, string>> {
  return new Map(rows.map((r) => [key(r), r.id]));
}

async function seedCatalog(tx: Tx) {
  for (const m of catalog.modules) {
    const parent = m.parent
      ? (await tx.select({ id: s.modules.id }).from(s.modules).where(eq(s.modules.code, m.parent)))[0]?.id
      : null;
    await tx
      .insert(s.modules)
      .values({
        code: m.code,
        name: m.name,
        description: m.description,
        icon: m.icon,
        sortOrder: m.sortOrder,
        parentId: parent,
      })
      .onConflictDoNothing();
  }
  const moduleIds = await idsBy(
    await tx.select({ id: s.modules.id, code: s.modules.code }).from(s.modules),
    (r) => r.code,
  );
  await tx
    .insert(s.permissions)
    .values(
      catalog.permissions.map((p) => ({
        code: p.code,
        name: p.name,
        description: p.description,
        moduleId: moduleIds.get(p.module) ?? null,
        category: p.category,
        resource: p.resource ?? null,
        action: p.action ?? null,
        riskLevel: p.riskLevel,
        requiresMfa: p.requiresMfa ?? false,
        requiresApproval: p.requiresApproval ?? false,
        isSystem: p.isSystem ?? false,
        sortOrder: p.sortOrder,
      })),
    )
    .onConflictDoNothing();
  const permIds = await globalPermissionIds(tx);
  await tx
    .insert(s.permissionDependencies)
    .values(
      catalog.dependencies.map((d) => ({ permissionId: permIds.get(d.code)!, dependsOnId: permIds.get(d.dependsOn)! })),
    )
    .onConflictDoNothing();

  await tx.insert(s.plans).values(catalog.plans).onConflictDoNothing();
  await tx
    .insert(s.menuItems)
    .values(
      catalog.menuItems.map((m) => ({
        moduleId: moduleIds.get(m.module)!,
        code: m.code,
        name: m.name,
        route: m.route,
        icon: m.icon,
        sortOrder: m.sortOrder,
        resource: m.resource,
        permissionCode: m.permissionCode,
      })),
    )
    .onConflictDoNothing();
  const items = await tx.select({ id: s.menuItems.id, code: s.menuItems.code }).from(s.menuItems);
  for (const plan of await tx.select().from(s.plans)) {
    const included = catalog.planIncludes(plan.code);
    await tx
      .insert(s.planFeatures)
      .values(items.map((i) => ({ planId: plan.id, menuItemId: i.id, included: included.has(i.code) })))
      .onConflictDoNothing();
  }
  for (const t of globalTemplates) {
    const [tpl] = await tx
      .insert(s.templates)
      .values({ name: t.name, description: t.description })
      .onConflictDoNothing()
      .returning();
    if (tpl)
      await tx.insert(s.templatePermissions).values(
        Object.entries(t.permissions).map(([code, effect]) => ({
          templateId: tpl.id,
          permissionId: permIds.get(code)!,
          effect,
        })),
      );
  }
}

async function globalPermissionIds(tx: Tx) {
  return idsBy(
    await tx
      .select({ id: s.permissions.id, code: s.permissions.code })
      .from(s.permissions)
      .where(isNull(s.permissions.tenantId)),
    (r) => r.code,
  );
}

const DAY = 86_400_000;

async function seedTenant(tx: Tx, t: TenantSeed, passwordHash: string) {
  if ((await tx.select({ id: s.tenants.id }).from(s.tenants).where(eq(s.tenants.slug, t.slug))).length) return;
  const [plan] = await tx.select().from(s.plans).where(eq(s.plans.code, t.plan));
  const [tenant] = await tx
    .insert(s.tenants)
    .values({ name: t.name, slug: t.slug, planId: plan?.id ?? null })
    .returning();
  const tenantId = tenant!.id;
  const permIds = await globalPermissionIds(tx);

  const departments = new Map<string, string>();
  const teams = new Map<string, string>();
  for (const d of t.departments) {
    const [dep] = await tx.insert(s.departments).values({ tenantId, name: d.name }).returning();
    departments.set(d.name, dep!.id);
    for (const name of d.teams) {
      const [team] = await tx.insert(s.teams).values({ tenantId, name, departmentId: dep!.id }).returning();
      teams.set(name, team!.id);
    }
  }

  // The same default roles every new tenant gets (Admin, Member, Viewer), then the demo's own.
  const defaults = await createDefaultRoles(tx, tenantId);
  const roleIds = new Map<string, string>([
    ["Admin", defaults.admin],
    ["Member", defaults.member],
    ["Viewer", defaults.viewer],
  ]);
  for (const r of t.roles) {
    const [role] = await tx
      .insert(s.roles)
      .values({ tenantId, name: r.name, description: r.description, isDefault: r.isDefault ?? false })
      .returning();
    roleIds.set(r.name, role!.id);
  }
  for (const r of t.roles) {
    const roleId = roleIds.get(r.name)!;
    if (r.parents?.length)
      await tx.insert(s.roleParents).values(r.parents.map((p) => ({ tenantId, roleId, parentId: roleIds.get(p)! })));
    await tx.insert(s.roleGrants).values(
      r.grants.map((g) => {
        const grant = typeof g === "string" ? { code: g, scope: "organization" as const } : g;
        const permissionId = permIds.get(grant.code);
        if (!permissionId) throw new Error(`seed: role ${r.name} grants unknown code ${grant.code}`);
        return {
          tenantId,
          roleId,
          permissionId,
          scope: grant.scope,
          conditions: "conditions" in grant ? (grant.conditions ?? null) : null,
        };
      }),
    );
  }

  await tx
    .insert(s.users)
    .values(t.users.map((u) => ({ email: u.email, name: u.name, passwordHash, status: u.status ?? "active" })))
    .onConflictDoNothing();
  const userRows = await tx
    .select({ id: s.users.id, email: s.users.email })
    .from(s.users)
    .where(
      inArray(
        sql`lower(${s.users.email})`,
        t.users.map((u) => u.email.toLowerCase()),
      ),
    );
  const userIds = await idsBy(userRows, (r) => r.email.toLowerCase());
  const uid = (email: string) => userIds.get(email.toLowerCase())!;
  const adminId = uid(t.users[0]!.email);

  await tx.insert(s.memberships).values(
    t.users.map((u) => ({
      tenantId,
      userId: uid(u.email),
      departmentId: u.department ? (departments.get(u.department) ?? null) : null,
    })),
  );
  const teamRows = t.users.flatMap((u) =>
    (u.teams ?? []).map((team) => ({ tenantId, teamId: teams.get(team)!, userId: uid(u.email) })),
  );
  if (teamRows.length) await tx.insert(s.teamMembers).values(teamRows);
  await tx
    .insert(s.userRoles)
    .values(
      t.users.flatMap((u) =>
        u.roles.map((r) => ({ tenantId, userId: uid(u.email), roleId: roleIds.get(r)!, assignedBy: adminId })),
      ),
    );
  if (t.expiringRole) {
    const e = t.expiringRole;
    await tx.insert(s.userRoles).values({
      tenantId,
      userId: uid(e.email),
      roleId: roleIds.get(e.role)!,
      assignedBy: adminId,
      expiresAt: new Date(Date.now() + e.expiresInDays * DAY),
    });
  }
  if (t.expiredInvitation) {
    const e = t.expiredInvitation;
    await tx.insert(s.invitations).values({
      tenantId,
      email: e.email,
      tokenHash: createHash("sha256").update(e.token).digest("hex"),
      roleIds: [roleIds.get(e.role)!],
      invitedBy: adminId,
      createdAt: new Date(Date.now() - 8 * DAY),
      expiresAt: new Date(Date.now() - DAY),
    });
  }
  if (t.overrides.length) {
    await tx.insert(s.userOverrides).values(
      t.overrides.map((o) => ({
        tenantId,
        userId: uid(o.email),
        permissionId: permIds.get(o.code)!,
        effect: o.effect,
        notes: o.notes,
        grantedBy: adminId,
        expiresAt: o.expiresInDays ? new Date(Date.now() + o.expiresInDays * DAY) : null,
      })),
    );
  }
  for (const tpl of t.templates) {
    const [row] = await tx
      .insert(s.templates)
      .values({ tenantId, name: tpl.name, description: tpl.description, createdBy: adminId })
      .returning();
    await tx.insert(s.templatePermissions).values(
      Object.entries(tpl.permissions).map(([code, effect]) => ({
        templateId: row!.id,
        permissionId: permIds.get(code)!,
        effect,
      })),
    );
  }
  if (t.pendingApproval) {
    const a = t.pendingApproval;
    await tx.insert(s.approvalRequests).values({
      tenantId,
      kind: "role_grant",
      roleId: roleIds.get(a.role)!,
      permissionId: permIds.get(a.code)!,
      payload: { scope: "organization" },
      requestedBy: uid(a.requestedBy),
    });
  }
}
