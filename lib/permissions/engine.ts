/**
 * The decision engine (docs/design.md §3): pure — data in, decisions out; no database, no
 * framework. A tenant's policy (catalog, plan, roles, grants) is compiled once per version
 * (`compilePolicy`) and decides for any user whose assignments are handed to it (§5): the policy
 * grows with the catalog and the roles, a user's assignments are loaded and cached apart, so
 * neither the compile nor an instance's memory grows with the members. `compileSnapshot` compiles
 * a whole tenant (policy and every member) for tests and tools, behind the same questions by id.
 *
 * Speed comes from caching, never from a second set of rules: rules.ts decides, and every cache
 * only remembers its answers. A warm `decide` without a context is the user's cached set (CLOCK
 * cache, checked against the assignments object it was computed from), the code's index, a bit
 * test, and a frozen Decision shared by every user it applies to: per code for unknown / inactive
 * / plan / none / super-admin, from the tenant's role tables for a user whose decisions come from
 * roles alone (role-decisions.ts), from a memo on the user's shared set for one with overrides.
 * With a context nothing is cached: the rules run.
 */
import { bitIndexes, hasBit } from "./bitset";
import { compileTenant, compileUser, type TenantData } from "./compile";
import { DecisionInterner, makeDecision, NONE_UNKNOWN, UNKNOWN } from "./decisions";
import { explainSteps } from "./explain";
import { type GrantBound, grantCovers } from "./grant-bounds";
import { RoleDecisions } from "./role-decisions";
import { evaluate, type Trace, viewUser } from "./rules";
import type {
  Decision,
  DecisionContext,
  Explanation,
  MapAction,
  PermissionMap,
  PolicySnapshot,
  SnapshotMenuItem,
  SnapshotPlan,
  TenantSnapshot,
  UserAssignments,
} from "./types";
import { MAP_ACTIONS } from "./types";
import { DecisionMemo, KIND_MEMBER, KIND_NON_MEMBER, KIND_ROLES, UserSet, UserSetCache } from "./user-sets";

export { ancestorsOf, isValidCode } from "./codes";
export { isSupportedConditions, SUPPORTED_OPERATORS } from "./conditions";
export type { GrantBound } from "./grant-bounds";

export interface CompileOptions {
  /** Users whose sets are cached (CLOCK), default 5,000. */
  maxUsers?: number;
  /** Remembered no-context decisions (each of the two shared tables) before they start afresh, default 200,000. */
  maxMemoDecisions?: number;
}

export interface EffectivePermissions {
  /** Codes `decide` grants without a context, sorted. */
  codes: string[];
  /** The earliest future expiry among the user's role assignments and overrides: cache no longer. */
  validUntil: number | null;
}

export interface CacheStats {
  cachedUsers: number;
  /** Users' sets pushed out to make room since the policy was compiled. */
  evictions: number;
  sharedSets: number;
  memoDecisions: number;
}

type MapField = `can_${MapAction}`;

/** Someone the tenant does not know: not a member, no roles, no overrides. */
export function outsider(userId: string, isSuperAdmin = false): UserAssignments {
  return { userId, member: null, isSuperAdmin, roles: [], overrides: [] };
}

const SUPER_ADMIN_PROBE = outsider("\u0000super-admin-probe", true);

/** Why a code is outside the tenant's plan: the menu item that owns it, and the plans that have it. */
export interface OutOfPlan {
  item: SnapshotMenuItem;
  plans: string[];
}

export class CompiledPolicy {
  readonly tenantId: string;
  readonly permVersion: number;
  private readonly t: TenantData;
  private readonly sets: UserSetCache;
  private readonly roleDecisions: RoleDecisions | null;
  private readonly interner = new DecisionInterner();
  /** Per code: the decision of rules 2–3 when they deny (user-independent), else null. */
  private readonly fixed: (Decision | null)[];
  private readonly none: Decision[];
  private readonly superAdmin: Decision[];
  private readonly mapEntries: { resource: string; field: MapField; idx: number }[];
  private readonly maxMemo: number;
  private memoGen = 0;
  private memoCount = 0;

  constructor(snapshot: PolicySnapshot, options: CompileOptions = {}) {
    const t = compileTenant(snapshot);
    this.t = t;
    this.tenantId = snapshot.tenantId;
    this.permVersion = snapshot.permVersion;
    this.maxMemo = options.maxMemoDecisions ?? 200_000;
    this.roleDecisions = RoleDecisions.build(t, this.maxMemo);
    this.sets = new UserSetCache(t, this.roleDecisions, { maxUsers: options.maxUsers ?? 5_000 });
    this.none = t.perms.map((p) => makeDecision(p, false, "none", null));
    // Rules 2–3 and a super-admin's answers depend on the code only: decided once, here, by the
    // same rules as everyone's, for a probe user no tenant holds, made a super-admin.
    const probe = compileUser(t, SUPER_ADMIN_PROBE);
    this.superAdmin = t.codes.map((code) => evaluate(t, probe, code, undefined, 0));
    this.fixed = t.perms.map((p, i) =>
      p.isActive && t.planGates[i]?.blocked !== true ? null : (this.superAdmin[i] as Decision),
    );
    this.mapEntries = t.perms.flatMap((p, idx) =>
      p.resource !== null && p.action !== null && (MAP_ACTIONS as readonly string[]).includes(p.action)
        ? [{ resource: p.resource, field: `can_${p.action as MapAction}` as MapField, idx }]
        : [],
    );
  }

  /** docs/design.md §3.2. `now` is epoch ms, default the clock. */
  decide(user: UserAssignments, code: string, context?: DecisionContext, now?: number): Decision {
    if (context !== undefined)
      return evaluate(this.t, this.sets.compiled(this.sets.slot(user, now)), code, context, now ?? Date.now());
    const set = this.sets.setOf(user, now);
    const idx = this.t.codeIndex.get(code);
    if (set.kind === KIND_NON_MEMBER) return idx === undefined ? NONE_UNKNOWN : (this.none[idx] as Decision);
    if (idx === undefined) return UNKNOWN;
    const fixed = this.fixed[idx];
    if (fixed !== null && fixed !== undefined) return fixed;
    if (set.kind === KIND_ROLES && this.roleDecisions !== null) {
      const inSet = ((this.sets.slab[set.offset + (idx >>> 5)] as number) & (1 << (idx & 31))) !== 0;
      const shared = this.roleDecisions.lookup(idx, inSet, set.assigned, set.held, this.none[idx] as Decision);
      if (shared !== undefined) return shared;
      return this.decideForRoles(user, code, idx, now ?? Date.now());
    }
    if (set.kind !== KIND_MEMBER) return this.superAdmin[idx] as Decision;
    if (set.memo !== null && set.memo.gen === this.memoGen) {
      const known = set.memo.get(idx);
      if (known !== undefined) return known;
    }
    return this.decideAndRemember(user, code, idx, now ?? Date.now());
  }

  /**
   * Whether the user holds `bound.code` at least as widely as the grant `bound` would confer it
   * ("grant only what you hold", docs/design.md §3.5): decided granted without a context, and
   * held through a grant whose scope covers `bound.scope` and whose conditions are a subset of
   * `bound.conditions`, or through an allow override (grant-bounds.ts).
   */
  holdsAtLeast(user: UserAssignments, bound: GrantBound, now?: number): boolean {
    if (!this.decide(user, bound.code, undefined, now).granted) return false;
    const at = now ?? Date.now();
    return grantCovers(this.t, viewUser(this.t, compileUser(this.t, user), at), bound);
  }

  /**
   * Whether nobody can ever hold `code`: even a super-admin is denied it (unknown, inactive,
   * outside the plan, or it depends, transitively, on such a code). Granting it confers nothing.
   */
  deniedToEveryone(code: string): boolean {
    const idx = this.t.codeIndex.get(code);
    return idx === undefined || this.superAdmin[idx]?.granted !== true;
  }

  /**
   * Ids of the roles that grant `code` without a context: their own grants, inherited ones, the
   * code's ancestors, or everything (grantsAll). Where its holders through a role are to be found.
   */
  rolesGranting(code: string): string[] {
    const idx = this.t.codeIndex.get(code);
    if (idx === undefined) return [];
    return this.t.roles.filter((_, r) => hasBit(this.t.roleBits, r * this.t.words, idx)).map((r) => r.id);
  }

  /** The tenant's plan (null: no plan gating). */
  get plan(): SnapshotPlan | null {
    return this.t.snapshot.plan;
  }

  /**
   * The menu item that keeps `code` out of the tenant's plan (rule 3), with the codes of the plans
   * that include it; null when the plan includes it, no menu item owns it, or there is no plan.
   */
  outOfPlan(code: string): OutOfPlan | null {
    const idx = this.t.codeIndex.get(code);
    const gate = idx === undefined ? null : this.t.planGates[idx];
    if (gate == null || !gate.blocked) return null;
    return { item: gate.item, plans: this.t.snapshot.menuItemPlans[gate.item.id] ?? [] };
  }

  /** `decide` with every step that led there (§3.3). */
  explain(user: UserAssignments, code: string, context?: DecisionContext, now?: number): Explanation {
    const at = now ?? Date.now();
    const trace: Trace = {};
    const compiled = this.sets.compiled(this.sets.slot(user, at));
    const decision = evaluate(this.t, compiled, code, context, at, trace);
    return { decision, steps: explainSteps(this.t, compiled, code, at, decision, trace) };
  }

  /** The codes `decide` grants without a context (§3.4), and until when that answer holds. */
  effectivePermissions(user: UserAssignments, now?: number): EffectivePermissions {
    const entry = this.sets.entry(user, now);
    const set = entry instanceof UserSet ? entry : entry.set;
    const codes = bitIndexes(this.sets.slab, set.offset, this.t.words, this.t.codes.length).map(
      (i) => this.t.codes[i] as string,
    );
    const validUntil = entry instanceof UserSet || entry.validUntil === Infinity ? null : entry.validUntil;
    return { codes, validUntil };
  }

  /** Resource × action map of the effective set, for every catalog resource with matrix actions. */
  permissionMap(user: UserAssignments, now?: number): PermissionMap {
    const set = this.sets.setOf(user, now);
    const map: PermissionMap = {};
    for (const { resource, field, idx } of this.mapEntries) {
      const row = (map[resource] ??= {
        can_view: false,
        can_create: false,
        can_edit: false,
        can_delete: false,
        can_export: false,
      });
      if (hasBit(this.sets.slab, set.offset, idx)) row[field] = true;
    }
    return map;
  }

  /** Drops what the policy remembers of a user (their assignments changed, or they went cold). */
  forget(userId: string): void {
    this.sets.forget(userId);
  }

  stats(): CacheStats {
    return {
      cachedUsers: this.sets.lru.size,
      evictions: this.sets.lru.evictions,
      sharedSets: this.sets.internedCount,
      memoDecisions: this.memoCount,
    };
  }

  /** First time a role-only user needs this entry of the shared tables: decide by the rules. */
  private decideForRoles(user: UserAssignments, code: string, idx: number, now: number): Decision {
    const slot = this.sets.slot(user, now);
    const set = slot.entry instanceof UserSet ? slot.entry : slot.entry.set;
    const decision = this.interner.intern(evaluate(this.t, this.sets.compiled(slot), code, undefined, now));
    if (set.kind === KIND_ROLES && this.roleDecisions !== null) {
      const inSet = hasBit(this.sets.slab, set.offset, idx);
      this.roleDecisions.remember(idx, inSet, set.assigned, set.held, decision);
    }
    return decision;
  }

  private decideAndRemember(user: UserAssignments, code: string, idx: number, now: number): Decision {
    const slot = this.sets.slot(user, now);
    const set = slot.entry instanceof UserSet ? slot.entry : slot.entry.set;
    const decision = this.interner.intern(evaluate(this.t, this.sets.compiled(slot), code, undefined, now));
    if (this.memoCount >= this.maxMemo) {
      this.memoGen++;
      this.memoCount = 0;
    }
    if (set.memo === null || set.memo.gen !== this.memoGen) set.memo = new DecisionMemo(this.memoGen);
    set.memo.set(idx, decision);
    this.memoCount++;
    return decision;
  }
}

/** Compile a tenant's policy once per `perm_version`. */
export function compilePolicy(policy: PolicySnapshot, options?: CompileOptions): CompiledPolicy {
  return new CompiledPolicy(policy, options);
}

/**
 * A compiled policy with the users it may be asked about: a whole snapshot's members, or the users
 * one request loaded (lib/permissions/decision-state.ts). Asked by user id, it answers as the
 * policy does for that user's assignments.
 */
export class CompiledTenant {
  constructor(
    readonly policy: CompiledPolicy,
    private readonly userOf: (userId: string) => UserAssignments,
    /** The tenant's version this state is at least as fresh as. */
    readonly permVersion: number,
  ) {}

  get tenantId(): string {
    return this.policy.tenantId;
  }

  user(userId: string): UserAssignments {
    return this.userOf(userId);
  }

  decide(userId: string, code: string, context?: DecisionContext, now?: number): Decision {
    return this.policy.decide(this.userOf(userId), code, context, now);
  }

  /** Whether the user holds each code, without a context (the bulk check): the user found once, one clock. */
  grantedEach(userId: string, codes: readonly string[], now = Date.now()): boolean[] {
    const user = this.userOf(userId);
    return codes.map((code) => this.policy.decide(user, code, undefined, now).granted);
  }

  explain(userId: string, code: string, context?: DecisionContext, now?: number): Explanation {
    return this.policy.explain(this.userOf(userId), code, context, now);
  }

  effectivePermissions(userId: string, now?: number): EffectivePermissions {
    return this.policy.effectivePermissions(this.userOf(userId), now);
  }

  permissionMap(userId: string, now?: number): PermissionMap {
    return this.policy.permissionMap(this.userOf(userId), now);
  }

  holdsAtLeast(userId: string, bound: GrantBound, now?: number): boolean {
    return this.policy.holdsAtLeast(this.userOf(userId), bound, now);
  }

  deniedToEveryone(code: string): boolean {
    return this.policy.deniedToEveryone(code);
  }

  get plan(): SnapshotPlan | null {
    return this.policy.plan;
  }

  rolesGranting(code: string): string[] {
    return this.policy.rolesGranting(code);
  }

  outOfPlan(code: string): OutOfPlan | null {
    return this.policy.outOfPlan(code);
  }

  stats(): CacheStats {
    return this.policy.stats();
  }
}

/** Every member's assignments in a snapshot, by user id (super-admins who are not members too). */
export function usersOfSnapshot(snapshot: TenantSnapshot): Map<string, UserAssignments> {
  const users = new Map<string, UserAssignments>();
  const superAdmins = new Set([
    ...snapshot.superAdminIds,
    ...snapshot.members.filter((m) => m.isSuperAdmin).map((m) => m.userId),
  ]);
  for (const id of superAdmins) users.set(id, outsider(id, true));
  for (const m of snapshot.members)
    users.set(m.userId, { ...outsider(m.userId, superAdmins.has(m.userId)), member: m });
  const of = (id: string) => {
    const known = users.get(id);
    if (known !== undefined) return known;
    const user = outsider(id);
    users.set(id, user);
    return user;
  };
  for (const r of snapshot.userRoles) of(r.userId).roles.push({ roleId: r.roleId, expiresAt: r.expiresAt });
  for (const o of snapshot.overrides)
    of(o.userId).overrides.push({ code: o.code, effect: o.effect, expiresAt: o.expiresAt });
  return users;
}

/** Compile a whole tenant snapshot (policy and members) once per `perm_version`. */
export function compileSnapshot(snapshot: TenantSnapshot, options?: CompileOptions): CompiledTenant {
  const users = usersOfSnapshot(snapshot);
  return new CompiledTenant(
    compilePolicy(snapshot, options),
    (id) => {
      let user = users.get(id);
      if (user === undefined) {
        user = outsider(id);
        users.set(id, user);
      }
      return user;
    },
    snapshot.permVersion,
  );
}
