/**
 * The bench world, deterministic for a seed: 10 tenants × 20 roles (inheritance up to depth 3),
 * a 1,000-code global catalog four levels deep, 10,000 users with 1–3 roles, 5% of them with
 * 1–5 overrides, 30% of action codes with dependencies, and a plan per tenant gating some menu
 * items. Expiries are relative to `now`.
 */
import type { Scope, SnapshotPermission, SnapshotRole, TenantSnapshot } from "../lib/permissions/types";

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Rand {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  uuid(): string;
}

export function rand(seed: number): Rand {
  const next = prng(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const hex = (n: number) => Array.from({ length: n }, () => "0123456789abcdef"[int(0, 15)]).join("");
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)]!,
    chance: (p) => next() < p,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
  };
}

export const MODULES = ["sites", "sales", "inventory", "hr", "finance", "reports", "support", "projects"];
export const RESOURCES = ["records", "orders", "invoices", "contacts", "assets"];
export const ACTIONS = ["view", "create", "edit", "delete", "export"];

export interface BenchWorld {
  now: number;
  tenants: TenantSnapshot[];
  /** Action codes (module.resource.action). */
  actionCodes: string[];
  /** Every catalog code. */
  codes: string[];
}

function catalog(r: Rand): SnapshotPermission[] {
  const perms: SnapshotPermission[] = [];
  const add = (code: string, resource: string, action: string | null) =>
    perms.push({
      id: r.uuid(),
      code,
      tenantId: null,
      name: code,
      category: action === null ? "tabs" : "actions",
      resource,
      action,
      riskLevel: "low",
      requiresMfa: r.chance(0.05),
      requiresApproval: false,
      isActive: !r.chance(0.02),
      deprecated: false,
      replacementCode: null,
    });
  for (const m of MODULES) {
    for (const res of RESOURCES) {
      const resource = `${m}.${res}`;
      for (const a of ACTIONS) add(`${resource}.${a}`, resource, a);
      for (let k = 0; k < 10; k++) add(`${resource}.tabs.t${k}`, resource, null);
      for (let k = 0; k < 10; k++) add(`${resource}.fields.f${k}`, resource, null);
    }
  }
  for (const p of perms) {
    if (r.chance(0.01)) Object.assign(p, { deprecated: true, replacementCode: r.pick(perms).code });
  }
  return perms;
}

/** A grant target: mostly leaf codes, some parents (resource, tabs subtree, whole module). */
function grantCode(r: Rand, codes: string[]): string {
  const x = r.next();
  const leaf = r.pick(codes);
  const parts = leaf.split(".");
  if (x < 0.04) return parts[0]!;
  if (x < 0.12) return parts.slice(0, 2).join(".");
  if (x < 0.16 && parts.length === 4) return parts.slice(0, 3).join(".");
  return leaf;
}

function roles(r: Rand, codes: string[]): { roles: SnapshotRole[]; grants: TenantSnapshot["grants"] } {
  const list: SnapshotRole[] = [{ id: r.uuid(), name: "Admin", isSystem: true, grantsAll: true, parentIds: [] }];
  const grants: TenantSnapshot["grants"] = [];
  const scopes: Scope[] = ["organization", "organization", "organization", "team", "department", "personal", "global"];
  // Levels 0–3: a role of level L inherits from one or two roles of level L-1 (depth ≤ 3).
  const levels = [6, 6, 4, 3];
  const byLevel: SnapshotRole[][] = [];
  levels.forEach((count, level) => {
    byLevel[level] = [];
    for (let i = 0; i < count; i++) {
      const parents =
        level === 0
          ? []
          : [...new Set([r.pick(byLevel[level - 1]!).id, ...(r.chance(0.3) ? [r.pick(byLevel[level - 1]!).id] : [])])];
      const role: SnapshotRole = {
        id: r.uuid(),
        name: `Role L${level}-${i}`,
        isSystem: false,
        grantsAll: false,
        parentIds: parents,
      };
      byLevel[level]!.push(role);
      list.push(role);
      const n = level === 0 ? r.int(20, 60) : r.int(5, 20);
      for (let g = 0; g < n; g++) {
        grants.push({
          roleId: role.id,
          code: grantCode(r, codes),
          scope: r.pick(scopes),
          conditions: r.chance(0.05) ? { amount: { $lte: r.int(10, 1000) } } : null,
        });
      }
    }
  });
  return { roles: list, grants };
}

export function buildWorld(seed = 42, now = Date.now(), tenantCount = 10, usersPerTenant = 1_000): BenchWorld {
  const r = rand(seed);
  const permissions = catalog(r);
  const codes = permissions.map((p) => p.code);
  const actionCodes = codes.filter((c) => ACTIONS.includes(c.split(".").at(-1)!));
  const dependencies: TenantSnapshot["dependencies"] = [];
  for (const code of actionCodes) {
    if (!r.chance(0.3)) continue;
    const [m, res, action] = code.split(".") as [string, string, string];
    const k = RESOURCES.indexOf(res);
    if (action !== "view") dependencies.push({ code, dependsOn: `${m}.${res}.view` });
    else if (k > 0) dependencies.push({ code, dependsOn: `${m}.${RESOURCES[k - 1]}.view` });
    if (action === "delete" || action === "export") dependencies.push({ code, dependsOn: `${m}.${res}.edit` });
  }
  const menuItems = MODULES.flatMap((m) => [
    { id: r.uuid(), code: m, name: m, resource: m, permissionCode: null, isActive: true },
    ...RESOURCES.map((res) => ({
      id: r.uuid(),
      code: `${m}_${res}`,
      name: `${m} ${res}`,
      resource: `${m}.${res}`,
      permissionCode: `${m}.${res}.view`,
      isActive: true,
    })),
  ]);
  const superAdmin = r.uuid();

  const tenants: TenantSnapshot[] = [];
  for (let t = 0; t < tenantCount; t++) {
    const tenantId = r.uuid();
    const { roles: tenantRoles, grants } = roles(r, codes);
    const planShare = [0.75, 0.9, 1][t % 3]!;
    const included = menuItems.filter((m) => !m.code.includes("_") || r.chance(planShare)).map((m) => m.id);
    const members: TenantSnapshot["members"] = [];
    const userRoles: TenantSnapshot["userRoles"] = [];
    const overrides: TenantSnapshot["overrides"] = [];
    for (let u = 0; u < usersPerTenant; u++) {
      const userId = r.uuid();
      members.push({
        userId,
        active: !r.chance(0.01),
        isSuperAdmin: false,
        departmentId: `dep-${r.int(0, 4)}`,
        teamIds: [`team-${r.int(0, 9)}`],
      });
      const held = new Set<string>();
      const count = r.int(1, 3);
      while (held.size < count) held.add(r.pick(tenantRoles).id);
      for (const roleId of held) {
        const x = r.next();
        const expiresAt =
          x < 0.05 ? now + r.int(3_600_000, 30 * 86_400_000) : x < 0.07 ? now - r.int(1, 86_400_000) : null;
        userRoles.push({ userId, roleId, expiresAt });
      }
      if (r.chance(0.05)) {
        for (let o = r.int(1, 5); o > 0; o--) {
          overrides.push({
            userId,
            code: grantCode(r, codes),
            effect: r.chance(0.5) ? "allow" : "deny",
            expiresAt: r.chance(0.2) ? now + r.int(3_600_000, 86_400_000) : null,
          });
        }
      }
    }
    tenants.push({
      tenantId,
      permVersion: 1,
      plan: {
        id: `plan-${t % 3}`,
        code: ["basic", "professional", "enterprise"][t % 3]!,
        name: ["Basic", "Professional", "Enterprise"][t % 3]!,
      },
      planMenuItemIds: included,
      menuItemPlans: Object.fromEntries(
        menuItems.map((m) => [
          m.id,
          included.includes(m.id) ? ["basic", "professional", "enterprise"] : ["enterprise"],
        ]),
      ),
      permissions,
      dependencies,
      menuItems,
      roles: tenantRoles,
      grants,
      members,
      superAdminIds: [superAdmin],
      userRoles,
      overrides,
    });
  }
  return { now, tenants, actionCodes, codes };
}
