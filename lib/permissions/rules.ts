/**
 * The rules of docs/design.md §3.2, evaluated for one user, code and context. This is the one
 * implementation of the order of evaluation; the engine's caches only remember its answers, and
 * the effective-set bitsets (user-sets.ts) are checked against it by the property tests.
 */
import { isSelfOrAncestor } from "./codes";
import type { CompiledAssignment, CompiledGrant, CompiledOverride, CompiledUser, TenantData } from "./compile";
import { scopeHolds } from "./conditions";
import { expiresAtIso, makeDecision, NONE_UNKNOWN } from "./decisions";
import {
  type Decision,
  type DecisionContext,
  type Reason,
  SCOPES,
  type Scope,
  type SnapshotMember,
  type Via,
} from "./types";

/** What one user brings to a decision at one instant. */
export interface UserView {
  userId: string;
  member: SnapshotMember | undefined;
  /** Active member (membership and user active). */
  active: boolean;
  isSuperAdmin: boolean;
  /**
   * Per role index: -1 when the user does not hold the role; otherwise the index of the assigned
   * role it is held through — itself when assigned directly, else the first assigned role by name
   * that inherits it.
   */
  through: Int32Array;
  /** Unexpired overrides. */
  overrides: CompiledOverride[];
}

export function isUnexpired(expiresAt: number | null, now: number): boolean {
  return expiresAt === null || expiresAt > now;
}

export function viewUser(t: TenantData, user: CompiledUser, now: number): UserView {
  const member = user.member;
  const through = new Int32Array(t.roles.length).fill(-1);
  const assigned = user.assignments
    .filter((a) => a.roleIdx >= 0 && isUnexpired(a.expiresAt, now))
    .map((a) => a.roleIdx)
    .sort((a, b) => a - b);
  for (const a of assigned) through[a] = a;
  for (const a of assigned) for (const r of t.roleClosures[a] ?? []) if (through[r] === -1) through[r] = a;
  return {
    userId: user.userId,
    member,
    active: member !== undefined && member.active,
    isSuperAdmin: user.isSuperAdmin,
    through,
    overrides: user.overrides.filter((o) => isUnexpired(o.expiresAt, now)),
  };
}

export interface GrantMatch {
  roleIdx: number;
  code: string;
  scope: Scope;
  /** Why a grant of a held role did not count, when it did not. */
  failed?: "scope" | "conditions";
}

/** Facts gathered for `explain`; decide passes none. */
export interface Trace {
  membership?: "member" | "superadmin" | "denied";
  /** The reason rules 1–6 gave, before the dependency step. */
  firstReason?: Reason;
  override?: { chosen: CompiledOverride | null; shadowed: CompiledOverride[] };
  role?: { matches: GrantMatch[]; via: Via | null };
  dependency?: { checked: string[]; missing: { code: string; reason: Reason } | null };
}

interface Outcome {
  granted: boolean;
  reason: Reason;
  via: Via | null;
  /** Granted without a context only through scoped or conditioned grants (§3.6). */
  conditional?: boolean;
}

/**
 * The most specific unexpired override on the code or an ancestor. Two on the same code cannot
 * come from the database; should they, deny wins, then the first listed.
 */
export function overrideFor(view: UserView, code: string): CompiledOverride | null {
  let best: CompiledOverride | null = null;
  for (const o of view.overrides) {
    if (!isSelfOrAncestor(o.code, code)) continue;
    if (
      best === null ||
      o.depth > best.depth ||
      (o.depth === best.depth && o.effect === "deny" && best.effect === "allow")
    )
      best = o;
  }
  return best;
}

/** Why a grant does not hold: unreadable conditions never do; without a context the rest do (§3.6). */
function grantHolds(
  t: TenantData,
  view: UserView,
  g: CompiledGrant,
  context: DecisionContext | undefined,
): "scope" | "conditions" | null {
  if (g.unreadable) return "conditions";
  if (context === undefined) return null;
  if (!scopeHolds(g.scope, context, view.userId, t.tenantId, view.member)) return "scope";
  if (g.test !== null && !g.test(context)) return "conditions";
  return null;
}

/**
 * Rule 6. `via` names the grant on the most specific code, then the role first by name, held
 * directly if it is assigned, else through the first assigned role by name. Its `scope` is the
 * widest scope among all grants that hold (global > … > personal): the widest reach the user has
 * for this code, which is what a caller without a context wants to know (§3.6). `conditional`:
 * without a context, no grant that holds whatever the context (organization or global, no
 * conditions) is among them, so the answer may change once the resource is known.
 */
function roleRule(
  t: TenantData,
  view: UserView,
  code: string,
  idx: number,
  context: DecisionContext | undefined,
  trace?: Trace,
): { via: Via; conditional: boolean } | null {
  let unconditional = false;
  let bestRole = -1;
  let bestCode = "";
  let widest: number = SCOPES.length;
  const matches: GrantMatch[] = [];
  for (const p of t.prefixes[idx] ?? []) {
    let levelBest = -1;
    if (p === code) {
      for (const r of t.grantsAllRoles) {
        if ((view.through[r] ?? -1) < 0) continue;
        if (levelBest === -1) levelBest = r;
        widest = 0;
        unconditional = true;
        if (trace) matches.push({ roleIdx: r, code, scope: "global" });
      }
    }
    for (const g of t.grantsByCode.get(p) ?? []) {
      if ((view.through[g.roleIdx] ?? -1) < 0) continue;
      const failed = grantHolds(t, view, g, context);
      if (trace)
        matches.push(
          failed === null
            ? { roleIdx: g.roleIdx, code: p, scope: g.scope }
            : { roleIdx: g.roleIdx, code: p, scope: g.scope, failed },
        );
      if (failed !== null) continue;
      if (levelBest === -1 || g.roleIdx < levelBest) levelBest = g.roleIdx;
      if (g.scopeRank < widest) widest = g.scopeRank;
      if (g.unconditional) unconditional = true;
    }
    if (levelBest >= 0 && bestRole < 0) {
      bestRole = levelBest;
      bestCode = p;
    }
  }
  let via: Via | null = null;
  if (bestRole >= 0) {
    const role = t.roles[bestRole];
    const throughIdx = view.through[bestRole] ?? -1;
    via = {
      kind: "role",
      role_id: role?.id ?? "",
      role: role?.name ?? "",
      code: bestCode,
      scope: SCOPES[widest] ?? "personal",
    };
    if (throughIdx !== bestRole) via.through_role = t.roles[throughIdx]?.name ?? "";
  }
  if (trace) trace.role = { matches, via };
  return via === null ? null : { via, conditional: context === undefined && !unconditional };
}

/** Rules 1–6 for a code the user asks about, or a dependency of it. */
function rulesOneToSix(
  t: TenantData,
  view: UserView,
  code: string,
  idx: number | undefined,
  context: DecisionContext | undefined,
  trace?: Trace,
): Outcome {
  if (idx === undefined || idx < 0) return { granted: false, reason: "unknown", via: null };
  const perm = t.perms[idx];
  if (perm === undefined || !perm.isActive)
    return { granted: false, reason: "inactive", via: { kind: "inactive", code } };
  const gate = t.planGates[idx];
  if (gate != null && gate.blocked) {
    const plans = t.snapshot.menuItemPlans[gate.item.id] ?? [];
    return {
      granted: false,
      reason: "plan",
      via: { kind: "plan", menu_item: gate.item.code, resource: gate.item.resource, plans: [...plans] },
    };
  }
  if (view.isSuperAdmin) return { granted: true, reason: "superadmin", via: { kind: "superadmin" } };
  const o = overrideFor(view, code);
  if (trace)
    trace.override = { chosen: o, shadowed: view.overrides.filter((x) => x !== o && isSelfOrAncestor(x.code, code)) };
  if (o !== null) {
    return {
      granted: o.effect === "allow",
      reason: "override",
      via: { kind: "override", code: o.code, effect: o.effect, expires_at: expiresAtIso(o.expiresAt) },
    };
  }
  const held = roleRule(t, view, code, idx, context, trace);
  if (held !== null) return { granted: true, reason: "role", via: held.via, conditional: held.conditional };
  return { granted: false, reason: "none", via: null };
}

/** The full decision of §3.2 for a user view, including the dependency step. */
export function evaluateView(
  t: TenantData,
  view: UserView,
  code: string,
  context: DecisionContext | undefined,
  trace?: Trace,
): Decision {
  const idx = t.codeIndex.get(code);
  const perm = idx === undefined ? undefined : t.perms[idx];
  if (!view.isSuperAdmin && !view.active) {
    if (trace) trace.membership = "denied";
    return perm === undefined ? NONE_UNKNOWN : makeDecision(perm, false, "none", null);
  }
  if (trace) trace.membership = view.active ? "member" : "superadmin";
  const first = rulesOneToSix(t, view, code, idx, context, trace);
  if (trace) trace.firstReason = first.reason;
  if (!first.granted || idx === undefined) return makeDecision(perm, first.granted, first.reason, first.via);
  const checked: string[] = [];
  // Conditional when the code or one of its dependencies is held only conditionally.
  let conditional = first.conditional === true;
  for (const step of t.dependencyWalks[idx] ?? []) {
    checked.push(step.code);
    const dep = rulesOneToSix(t, view, step.code, step.idx, context);
    if (!dep.granted) {
      if (trace) trace.dependency = { checked, missing: { code: step.code, reason: dep.reason } };
      return makeDecision(perm, false, "dependency", { kind: "dependency", code: step.code });
    }
    if (dep.conditional === true) conditional = true;
  }
  if (trace) trace.dependency = { checked, missing: null };
  return makeDecision(perm, true, first.reason, first.via, conditional);
}

export function evaluate(
  t: TenantData,
  user: CompiledUser,
  code: string,
  context: DecisionContext | undefined,
  now: number,
  trace?: Trace,
): Decision {
  return evaluateView(t, viewUser(t, user, now), code, context, trace);
}

/** Assignments of the user that have expired at `now` (for explanations). */
export function expiredAssignments(user: CompiledUser, now: number): CompiledAssignment[] {
  return user.assignments.filter((a) => a.roleIdx >= 0 && !isUnexpired(a.expiresAt, now));
}
