/**
 * Random small worlds for the property tests: codes over a three-letter alphabet (so ancestors
 * collide), roles with parents (rarely a cycle, which the database forbids but the engine must
 * survive), grants with random scopes and conditions, users with roles and overrides expiring
 * around NOW, menu items and a plan, dependencies, inactive and deprecated permissions,
 * super-admins, inactive members — and random (user, code, context, now) questions about them.
 */
import fc from "fast-check";
import { ancestorsOf } from "../codes";
import {
  type Conditions,
  type DecisionContext,
  MAP_ACTIONS,
  SCOPES,
  type SnapshotPermission,
  type TenantSnapshot,
} from "../types";

export const NOW = Date.UTC(2025, 0, 1);
const TIMES = [null, null, null, null, null, null, NOW - 1000, NOW - 1, NOW, NOW + 1, NOW + 1000];
export const QUERY_NOWS = [NOW - 1, NOW, NOW + 1, NOW + 500, NOW + 1000, NOW + 5000];
const USERS = ["u1", "u2", "u3", "u4", "u5", "u6"];
const ROLE_NAMES = ["Admin", "Alpha", "Beta", "Delta", "Gamma", "Viewer", "Zed"];

export const CONDITIONS: Conditions[] = [
  { amount: { $gt: 5 } },
  { amount: { $lte: 3 } },
  { amount: { $gte: 2, $lt: 8 } },
  { amount: { $eq: 4 } },
  { amount: 7 },
  { region: "eu" },
  { region: { $in: ["eu", "apac"] } },
  { region: { $ne: "us" } },
  { "resource.owner_id": "u1" },
  {},
  { region: { $regex: "e" } },
  { $or: [{ region: "eu" }] },
  { region: { $in: "eu" } },
  { amount: { $gt: 1, region: "eu" } },
  // sift lets these match a missing field; the engine does not (§3.6).
  { region: { $in: ["eu", null] } },
  { amount: { $ne: 3 }, region: { $ne: "us" } },
  { "resource.team_id": { $ne: "tm1" } },
  // Unreadable: never counts, with or without a context.
  { a: { a: { a: { a: { a: { a: { a: { a: 1 } } } } } } } },
  { constructor: { $ne: 1 } },
];

export interface Draw {
  int(min: number, max: number): number;
  chance(percent: number): boolean;
  pick<T>(items: readonly T[]): T;
  subset<T>(items: readonly T[]): T[];
}

export function drawFrom(g: fc.GeneratorValue): Draw {
  const int = (min: number, max: number): number => g(fc.integer, { min, max });
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  return { int, chance: (p) => int(0, 99) < p, pick, subset: (items) => items.filter(() => int(0, 1) === 1) };
}

function codePool(d: Draw): { catalogish: string[]; all: string[] } {
  const codes = new Set<string>();
  const n = d.int(3, 12);
  for (let i = 0; i < n; i++) {
    const depth = d.int(1, 4);
    codes.add(Array.from({ length: depth }, () => d.pick(["a", "b", "c"])).join("."));
  }
  const catalogish = [...codes];
  const all = [...new Set([...catalogish, ...catalogish.flatMap(ancestorsOf), "z", "z.q"])];
  return { catalogish: [...new Set([...catalogish, ...d.subset(all)])], all };
}

export function buildWorld(d: Draw): TenantSnapshot {
  const { catalogish, all } = codePool(d);
  const permissions: SnapshotPermission[] = [];
  catalogish.forEach((code, i) => {
    const parent = ancestorsOf(code).at(-1) ?? null;
    const base: SnapshotPermission = {
      id: `p${i}`,
      code,
      tenantId: d.pick([null, null, null, null, "t1", "t2"]),
      name: `Perm ${code}`,
      category: "actions",
      resource: d.chance(60) ? (parent ?? code) : null,
      action: d.chance(70) ? d.pick([...MAP_ACTIONS, "approve"]) : null,
      riskLevel: "low",
      requiresMfa: d.chance(20),
      requiresApproval: false,
      isActive: d.chance(88),
      deprecated: false,
      replacementCode: null,
    };
    if (d.chance(15)) Object.assign(base, { deprecated: true, replacementCode: d.chance(70) ? d.pick(all) : null });
    permissions.push(base);
    if (d.chance(5))
      permissions.push({ ...base, id: `p${i}x`, tenantId: d.pick([null, "t1"]), requiresMfa: !base.requiresMfa });
  });

  const order = d.subset(catalogish);
  const dependencies = order
    .flatMap((code, i) =>
      Array.from({ length: d.int(0, 2) }, () => ({
        code,
        dependsOn: d.chance(10) ? "z.unknown" : d.pick(order.slice(0, Math.max(1, i))),
      })),
    )
    .filter((dep) => dep.code !== dep.dependsOn);

  const menuItems = Array.from({ length: d.int(0, 4) }, (_, i) => ({
    id: `mi${i}`,
    code: `menu_${d.int(0, 3)}`,
    name: `Menu ${i}`,
    resource: d.pick(all),
    permissionCode: null,
    isActive: d.chance(85),
  }));
  const hasPlan = d.chance(70);
  const menuItemPlans = Object.fromEntries(menuItems.map((m) => [m.id, d.subset(["basic", "pro", "enterprise"])]));

  const roleCount = d.int(1, 6);
  const names = d.subset(ROLE_NAMES).concat(ROLE_NAMES).slice(0, roleCount);
  const roles = names.map((name, i) => ({
    id: `r${i}`,
    name: d.chance(3) ? ROLE_NAMES[0]! : name,
    isSystem: false,
    grantsAll: d.chance(8),
    parentIds: [
      ...(i === 0 ? [] : d.subset(Array.from({ length: i }, (_, j) => `r${j}`))),
      ...(d.chance(4) ? [`r${roleCount - 1}`] : []),
    ],
  }));
  const grants = Array.from({ length: d.int(1, 16) }, () => ({
    roleId: d.pick(roles).id,
    code: d.pick(all),
    scope: d.pick(SCOPES),
    conditions: d.chance(35) ? d.pick(CONDITIONS) : null,
  }));

  const members = USERS.slice(0, 5)
    .filter(() => d.chance(98))
    .map((userId) => ({
      userId,
      active: d.chance(95),
      isSuperAdmin: d.chance(3),
      departmentId: d.pick([null, "d1", "d2"]),
      teamIds: d.subset(["tm1", "tm2"]),
    }));
  const roleIds = [...roles.map((r) => r.id), "r-missing"];
  const userRoles = USERS.flatMap((userId) =>
    Array.from({ length: d.int(0, 3) || d.int(0, 2) }, () => ({
      userId,
      roleId: d.pick(roleIds),
      expiresAt: d.pick(TIMES),
    })),
  );
  const overrides = USERS.flatMap((userId) =>
    Array.from({ length: d.int(0, 2) }, () => ({
      userId,
      code: d.pick(all),
      effect: d.pick(["allow", "deny"] as const),
      expiresAt: d.pick(TIMES),
    })),
  );

  return {
    tenantId: "t1",
    permVersion: 1,
    plan: hasPlan ? { id: "plan1", code: "basic", name: "Basic" } : null,
    planMenuItemIds: d.subset(menuItems.map((m) => m.id)),
    menuItemPlans,
    permissions,
    dependencies,
    menuItems,
    roles,
    grants,
    members,
    superAdminIds: USERS.filter(() => d.chance(4)),
    userRoles,
    overrides,
  };
}

export interface Query {
  userId: string;
  code: string;
  context: DecisionContext | undefined;
  now: number;
}

export function buildQuery(d: Draw, world: TenantSnapshot): Query {
  const catalog = world.permissions.map((p) => p.code);
  const granted = catalog.filter((c) => world.grants.some((g) => c === g.code || c.startsWith(g.code + ".")));
  const codes = [
    ...catalog,
    ...granted,
    ...granted,
    ...world.grants.map((g) => g.code),
    "z.z",
    "Bad.Code",
    "a.b.c.a.b",
  ];
  let context: DecisionContext | undefined;
  if (d.chance(55)) {
    // Fields the conditions look at are sometimes missing: they must then fail closed.
    context = {};
    if (d.chance(80)) context.amount = d.int(0, 10);
    if (d.chance(80)) context.region = d.pick(["eu", "us", "apac"]);
    if (d.chance(75)) {
      const resource: NonNullable<DecisionContext["resource"]> = {};
      if (d.chance(60)) resource.owner_id = d.pick(USERS);
      if (d.chance(60)) resource.team_id = d.pick(["tm1", "tm2", "tm3"]);
      if (d.chance(60)) resource.department_id = d.pick(["d1", "d2"]);
      if (d.chance(50)) resource.tenant_id = d.pick(["t1", "t2"]);
      context.resource = resource;
    }
  }
  return {
    userId: d.pick([
      ...USERS.slice(0, 5),
      ...USERS.slice(0, 5),
      ...USERS.slice(0, 5),
      ...USERS.slice(0, 5),
      "u6",
      "ghost",
    ]),
    code: d.pick(codes),
    context,
    now: d.pick(QUERY_NOWS),
  };
}

export const ALL_USERS = [...USERS, "ghost"];
