/**
 * Compiling a tenant snapshot: everything that does not depend on the user or the context is
 * worked out once here — catalog indexes (in code order, so subtrees are index ranges), roles
 * expanded through inheritance and the code tree into bitsets, the plan gate and the dependency
 * walk of every code.
 */
import { fillRange, orInto, setBit, wordsFor } from "./bitset";
import { catalogOf, type DependencyStep, dependencyWalks, type PlanGate, planGates, subtreeIndexes } from "./catalog";
import { compareCodes, segmentCount, selfAndAncestors } from "./codes";
import { type ConditionTest, compileConditions, SCOPE_RANK, UNREADABLE } from "./conditions";
import type {
  Conditions,
  Effect,
  PolicySnapshot,
  Scope,
  SnapshotMember,
  SnapshotPermission,
  SnapshotRole,
  UserAssignments,
} from "./types";

export { type DependencyStep, type PlanGate, subtreeIndexes } from "./catalog";

export interface CompiledGrant {
  roleIdx: number;
  code: string;
  scope: Scope;
  scopeRank: number;
  /** null: no conditions. */
  test: ConditionTest | null;
  /** The conditions as granted (null: none), for comparing one grant with another (`grantCovers`). */
  conditions: Conditions | null;
  /** Conditions that cannot be evaluated: the grant never counts, not even without a context. */
  unreadable: boolean;
  /** Holds whatever the context: organization or global scope, no conditions (§3.6). */
  unconditional: boolean;
}

export interface CompiledAssignment {
  roleIdx: number;
  expiresAt: number | null;
}

export interface CompiledOverride {
  code: string;
  effect: Effect;
  expiresAt: number | null;
  depth: number;
}

/** A tenant's compiled policy: everything but the users (docs/design.md §5). */
export interface TenantData {
  snapshot: PolicySnapshot;
  tenantId: string;
  /** Catalog codes in code order; index = position. */
  codes: string[];
  codeIndex: Map<string, number>;
  perms: SnapshotPermission[];
  words: number;
  /** Per code: itself and its ancestors, most specific first. */
  prefixes: string[][];
  planGates: (PlanGate | null)[];
  dependencyWalks: DependencyStep[][];
  /** Roles sorted by name then id: index order is the tie-break order of `via`. */
  roles: SnapshotRole[];
  roleIndex: Map<string, number>;
  /** Per role: itself and every role it inherits from, transitively. */
  roleClosures: number[][];
  grantsAllRoles: number[];
  /** Grants by granted code, each list sorted by role index. */
  grantsByCode: Map<string, CompiledGrant[]>;
  /** Per role (closure), codes granted without a context: `words` words at roleIdx × words. */
  roleBits: Uint32Array;
  /** Codes that pass rules 1–3 (known, active, not plan-gated). */
  allowedMask: Uint32Array;
}

/** One user's assignments resolved against one compiled policy. */
export interface CompiledUser {
  /** What it was compiled from: a new object is a new state. */
  source: UserAssignments;
  userId: string;
  member: SnapshotMember | undefined;
  isSuperAdmin: boolean;
  /** Roles the policy does not know (deleted since the assignments were read) get roleIdx -1. */
  assignments: CompiledAssignment[];
  /** Sorted by depth, allow before deny: applying them in order leaves the most specific. */
  overrides: CompiledOverride[];
}

export function compileUser(t: TenantData, source: UserAssignments): CompiledUser {
  const overrides = source.overrides.map((o) => ({
    code: o.code,
    effect: o.effect,
    expiresAt: o.expiresAt,
    depth: segmentCount(o.code),
  }));
  overrides.sort((a, b) => a.depth - b.depth || (a.effect === b.effect ? 0 : a.effect === "allow" ? -1 : 1));
  return {
    source,
    userId: source.userId,
    member: source.member ?? undefined,
    isSuperAdmin: source.isSuperAdmin,
    assignments: source.roles.map((r) => ({ roleIdx: t.roleIndex.get(r.roleId) ?? -1, expiresAt: r.expiresAt })),
    overrides,
  };
}

function roleClosures(roles: SnapshotRole[], roleIndex: Map<string, number>): number[][] {
  return roles.map((_, start) => {
    // Breadth-first with a visited set: diamonds counted once, a cycle cannot hang.
    const seen = new Set<number>([start]);
    const queue = [start];
    for (let q = 0; q < queue.length; q++) {
      for (const parentId of roles[queue[q] as number]?.parentIds ?? []) {
        const p = roleIndex.get(parentId);
        if (p !== undefined && !seen.has(p)) {
          seen.add(p);
          queue.push(p);
        }
      }
    }
    return [...seen].sort((a, b) => a - b);
  });
}

export function compileTenant(snapshot: PolicySnapshot): TenantData {
  const catalog = catalogOf(snapshot);
  const codes = [...catalog.keys()].sort(compareCodes);
  const codeIndex = new Map(codes.map((c, i) => [c, i] as const));
  const perms = codes.map((c) => catalog.get(c) as SnapshotPermission);
  const words = wordsFor(codes.length);
  const prefixes = codes.map(selfAndAncestors);

  const roles = [...snapshot.roles].sort((a, b) => compareCodes(a.name, b.name) || compareCodes(a.id, b.id));
  const roleIndex = new Map(roles.map((r, i) => [r.id, i] as const));
  const closures = roleClosures(roles, roleIndex);

  const grantsByCode = new Map<string, CompiledGrant[]>();
  const ownBits = new Uint32Array(roles.length * words);
  roles.forEach((role, i) => {
    if (role.grantsAll) fillRange(ownBits, i * words, 0, codes.length, true);
  });
  for (const g of snapshot.grants) {
    const roleIdx = roleIndex.get(g.roleId);
    if (roleIdx === undefined) continue;
    const test = g.conditions === null ? null : compileConditions(g.conditions);
    const scopeRank = SCOPE_RANK[g.scope] ?? SCOPE_RANK.personal;
    const compiled: CompiledGrant = {
      roleIdx,
      code: g.code,
      scope: g.scope,
      scopeRank,
      test,
      conditions: g.conditions,
      unreadable: test === UNREADABLE,
      unconditional: test === null && scopeRank <= SCOPE_RANK.organization,
    };
    const list = grantsByCode.get(g.code);
    if (list === undefined) grantsByCode.set(g.code, [compiled]);
    else list.push(compiled);
    if (compiled.unreadable) continue;
    for (const i of subtreeIndexes(codes, g.code)) setBit(ownBits, roleIdx * words, i);
  }
  for (const list of grantsByCode.values()) list.sort((a, b) => a.roleIdx - b.roleIdx || a.scopeRank - b.scopeRank);

  const roleBits = new Uint32Array(roles.length * words);
  closures.forEach((closure, i) => {
    for (const r of closure) orInto(roleBits, i * words, ownBits, r * words, words);
  });

  const gates = planGates(snapshot, prefixes);
  const allowedMask = new Uint32Array(words);
  perms.forEach((p, i) => {
    if (p.isActive && gates[i]?.blocked !== true) setBit(allowedMask, 0, i);
  });

  return {
    snapshot,
    tenantId: snapshot.tenantId,
    codes,
    codeIndex,
    perms,
    words,
    prefixes,
    planGates: gates,
    dependencyWalks: dependencyWalks(snapshot, codes, codeIndex),
    roles,
    roleIndex,
    roleClosures: closures,
    grantsAllRoles: roles.flatMap((r, i) => (r.grantsAll ? [i] : [])),
    grantsByCode,
    roleBits,
    allowedMask,
  };
}
