/**
 * A deliberately naive model of docs/design.md §3, for tests only: no compilation, no bitsets, no
 * cache — every question loops over the raw snapshot arrays. The engine must agree with it.
 */
import * as siftModule from "sift";
import type { Decision, DecisionContext, Scope, SnapshotPermission, SnapshotRole, TenantSnapshot, Via } from "../types";

type SiftLib = typeof siftModule;
const sift: SiftLib =
  typeof (siftModule as Partial<SiftLib>).createQueryTester === "function"
    ? siftModule
    : (siftModule as unknown as { default: SiftLib }).default;

const SCOPE_ORDER: Scope[] = ["global", "organization", "department", "team", "personal"];
const ALLOWED_OPERATORS = ["$eq", "$in", "$ne", "$gt", "$gte", "$lt", "$lte"];

const within = (ancestor: string, code: string): boolean => code === ancestor || code.startsWith(ancestor + ".");
const depth = (code: string): number => code.split(".").length;
const unexpired = (expiresAt: number | null, now: number): boolean => expiresAt === null || expiresAt > now;
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function plain(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function hasDollarKey(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasDollarKey);
  if (plain(v)) return Object.entries(v).some(([k, x]) => k.startsWith("$") || hasDollarKey(x));
  return false;
}

const FORBIDDEN_KEYS = ["__proto__", "constructor", "prototype"];

/** Levels of objects and arrays, counting up to `limit + 1` at most (a stored value may be very deep). */
function depthOver(v: unknown, limit: number): boolean {
  if (typeof v !== "object" || v === null) return false;
  if (limit === 0) return true;
  return Object.values(v).some((x) => depthOver(x, limit - 1));
}

function hasForbiddenKey(v: unknown): boolean {
  if (typeof v !== "object" || v === null) return false;
  return Object.keys(v).some((k) => FORBIDDEN_KEYS.includes(k) || hasForbiddenKey((v as Record<string, unknown>)[k]));
}

/** §3.6: equality, $in (array), $ne, $gt/$gte/$lt/$lte, 8 levels, 8 KB, no forbidden key. */
function readable(conditions: unknown): boolean {
  if (!plain(conditions) || depthOver(conditions, 8) || hasForbiddenKey(conditions)) return false;
  if (new TextEncoder().encode(JSON.stringify(conditions)).byteLength > 8192) return false;
  for (const [field, value] of Object.entries(conditions)) {
    if (field.startsWith("$")) return false;
    if (plain(value) && Object.keys(value).some((k) => k.startsWith("$"))) {
      for (const [op, arg] of Object.entries(value)) {
        if (!ALLOWED_OPERATORS.includes(op) || hasDollarKey(arg)) return false;
        if (op === "$in" && !Array.isArray(arg)) return false;
      }
    } else if (hasDollarKey(value)) return false;
  }
  return true;
}

/** Every field a condition names must be in the context (whatever the operator), and sift must agree. */
function conditionsHold(conditions: Record<string, unknown>, context: DecisionContext): boolean {
  const present = (field: string) =>
    field.split(".").reduce<unknown>((v, k) => (plain(v) && Object.hasOwn(v, k) ? v[k] : undefined), context) !==
    undefined;
  return Object.keys(conditions).every(present) && sift.default(conditions)(context) === true;
}

export function catalogPermission(s: TenantSnapshot, code: string): SnapshotPermission | undefined {
  const mine = s.permissions.filter((p) => p.code === code && (p.tenantId === null || p.tenantId === s.tenantId));
  return mine.find((p) => p.tenantId === null) ?? mine[0];
}

function decision(
  perm: SnapshotPermission | undefined,
  granted: boolean,
  reason: Decision["reason"],
  via: Via | null,
  conditional = false,
): Decision {
  return {
    granted,
    reason,
    via,
    requires_mfa: perm?.requiresMfa ?? false,
    deprecated: perm?.deprecated ?? false,
    replacement: perm?.deprecated ? perm.replacementCode : null,
    ...(conditional ? { conditional: true } : {}),
  };
}

/** Does role `from` inherit `target` (or is it)? Depth-first, cycle-safe. */
function inherits(s: TenantSnapshot, from: SnapshotRole, target: SnapshotRole, seen = new Set<string>()): boolean {
  if (from.id === target.id) return true;
  seen.add(from.id);
  return from.parentIds.some((pid) => {
    const parent = s.roles.find((r) => r.id === pid);
    return parent !== undefined && !seen.has(parent.id) && inherits(s, parent, target, seen);
  });
}

/** With a context: a field the scope needs that the resource lacks (or no resource) fails it. */
function scopeHolds(s: TenantSnapshot, scope: Scope, userId: string, context: DecisionContext): boolean {
  const res = context.resource ?? {};
  const member = s.members.find((m) => m.userId === userId);
  if (scope === "global") return true;
  if (scope === "organization") return res.tenant_id == null || res.tenant_id === s.tenantId;
  if (scope === "department")
    return res.department_id != null && member?.departmentId != null && member.departmentId === res.department_id;
  if (scope === "team") return res.team_id != null && (member?.teamIds ?? []).includes(res.team_id);
  return res.owner_id !== undefined && res.owner_id === userId;
}

function isSuperAdmin(s: TenantSnapshot, userId: string): boolean {
  return s.superAdminIds.includes(userId) || s.members.some((m) => m.userId === userId && m.isSuperAdmin);
}

/** Rules 1–6 for one code. */
function rules(
  s: TenantSnapshot,
  userId: string,
  code: string,
  context: DecisionContext | undefined,
  now: number,
): Decision {
  const perm = catalogPermission(s, code);
  if (perm === undefined) return decision(perm, false, "unknown", null);
  if (!perm.isActive) return decision(perm, false, "inactive", { kind: "inactive", code });
  if (s.plan !== null) {
    const owning = s.menuItems.filter((m) => m.isActive && within(m.resource, code));
    const longest = Math.max(0, ...owning.map((m) => m.resource.length));
    const top = owning
      .filter((m) => m.resource.length === longest)
      .sort((a, b) => byText(a.code, b.code) || byText(a.id, b.id));
    const item = top[0];
    if (item !== undefined && !top.some((m) => s.planMenuItemIds.includes(m.id))) {
      return decision(perm, false, "plan", {
        kind: "plan",
        menu_item: item.code,
        resource: item.resource,
        plans: [...(s.menuItemPlans[item.id] ?? [])],
      });
    }
  }
  if (isSuperAdmin(s, userId)) return decision(perm, true, "superadmin", { kind: "superadmin" });

  const overrides = s.overrides.filter(
    (o) => o.userId === userId && unexpired(o.expiresAt, now) && within(o.code, code),
  );
  overrides.sort((a, b) => depth(b.code) - depth(a.code) || (a.effect === b.effect ? 0 : a.effect === "deny" ? -1 : 1));
  const o = overrides[0];
  if (o !== undefined) {
    const via: Via = {
      kind: "override",
      code: o.code,
      effect: o.effect,
      expires_at: o.expiresAt === null ? null : new Date(o.expiresAt).toISOString(),
    };
    return decision(perm, o.effect === "allow", "override", via);
  }

  const byName = (a: SnapshotRole, b: SnapshotRole): number => byText(a.name, b.name) || byText(a.id, b.id);
  const assigned = s.roles
    .filter((r) => s.userRoles.some((ur) => ur.userId === userId && ur.roleId === r.id && unexpired(ur.expiresAt, now)))
    .sort(byName);
  const candidates: { role: SnapshotRole; code: string; scope: Scope; always: boolean }[] = [];
  for (const role of s.roles) {
    if (!assigned.some((a) => inherits(s, a, role))) continue;
    if (role.grantsAll) candidates.push({ role, code, scope: "global", always: true });
    for (const g of s.grants) {
      if (g.roleId !== role.id || !within(g.code, code)) continue;
      if (g.conditions !== null && !readable(g.conditions)) continue;
      if (context !== undefined && !scopeHolds(s, g.scope, userId, context)) continue;
      if (context !== undefined && g.conditions !== null && !conditionsHold(g.conditions, context)) continue;
      const always = g.conditions === null && (g.scope === "global" || g.scope === "organization");
      candidates.push({ role, code: g.code, scope: g.scope, always });
    }
  }
  candidates.sort((a, b) => b.code.length - a.code.length || byName(a.role, b.role));
  const best = candidates[0];
  if (best === undefined) return decision(perm, false, "none", null);
  const widest = SCOPE_ORDER.find((sc) => candidates.some((c) => c.scope === sc)) ?? "personal";
  const via: Via = { kind: "role", role_id: best.role.id, role: best.role.name, code: best.code, scope: widest };
  if (!assigned.some((a) => a.id === best.role.id)) {
    const through = assigned.find((a) => inherits(s, a, best.role));
    if (through !== undefined) via.through_role = through.name;
  }
  return decision(perm, true, "role", via, context === undefined && !candidates.some((c) => c.always));
}

export function referenceDecide(
  s: TenantSnapshot,
  userId: string,
  code: string,
  context: DecisionContext | undefined,
  now: number,
): Decision {
  const perm = catalogPermission(s, code);
  const member = s.members.find((m) => m.userId === userId);
  if (!isSuperAdmin(s, userId) && !(member !== undefined && member.active)) return decision(perm, false, "none", null);
  const first = rules(s, userId, code, context, now);
  if (!first.granted) return first;
  const visited = new Set<string>([code]);
  let conditional = first.conditional === true;
  const walk = (c: string): string | null => {
    const deps = [...new Set(s.dependencies.filter((d) => d.code === c).map((d) => d.dependsOn))].sort(byText);
    for (const dep of deps) {
      if (visited.has(dep)) continue;
      visited.add(dep);
      const decided = rules(s, userId, dep, context, now);
      if (!decided.granted) return dep;
      if (decided.conditional === true) conditional = true;
      const deeper = walk(dep);
      if (deeper !== null) return deeper;
    }
    return null;
  };
  const missing = walk(code);
  if (missing !== null) return decision(perm, false, "dependency", { kind: "dependency", code: missing });
  return decision(perm, true, first.reason, first.via, conditional);
}

export function referenceEffective(
  s: TenantSnapshot,
  userId: string,
  now: number,
): { codes: string[]; validUntil: number | null } {
  const codes = [...new Set(s.permissions.map((p) => p.code))].filter((c) => catalogPermission(s, c) !== undefined);
  const granted = codes.filter((c) => referenceDecide(s, userId, c, undefined, now).granted).sort(byText);
  const future = [...s.userRoles, ...s.overrides]
    .filter((row) => row.userId === userId && row.expiresAt !== null && row.expiresAt > now)
    .map((row) => row.expiresAt as number);
  return { codes: granted, validUntil: future.length === 0 ? null : Math.min(...future) };
}
