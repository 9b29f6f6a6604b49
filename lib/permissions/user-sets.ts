/**
 * Users' effective sets (docs/design.md §3.4, §5): computed on demand as bitsets, cached in an LRU
 * keyed by user id, shared between users.
 *
 * Without a context a user's decisions depend only on: active membership, super-admin, the
 * unexpired assigned roles and the unexpired overrides. That tuple is the intern key: every user
 * with the same roles and overrides shares one set (its bits in a per-tenant slab; role masks, or
 * for users with overrides a memo of decisions). Per user the cache keeps only the LRU slot and,
 * when some assignment or override of theirs expires, the instants between which it is valid.
 */
import { andInto, clearBit, hasBit, orInto, setBit } from "./bitset";
import { ClockCache } from "./clock-cache";
import { type CompiledUser, compileUser, subtreeIndexes, type TenantData } from "./compile";
import type { RoleDecisions } from "./role-decisions";
import { isUnexpired } from "./rules";
import type { Decision, UserAssignments } from "./types";

export const KIND_NON_MEMBER = 0;
export const KIND_SUPER_ADMIN = 1;
/** An active member with unexpired overrides (or in a tenant of too many roles): memo path. */
export const KIND_MEMBER = 2;
/** An active member whose decisions come from roles alone: see role-decisions.ts. */
export const KIND_ROLES = 3;

/** A memo of decisions, valid while its generation is the tenant's (reset when too large). */
export class DecisionMemo extends Map<number, Decision> {
  constructor(readonly gen: number) {
    super();
  }
}

export class UserSet {
  /** KIND_MEMBER: decisions already made for this set, by code index (no context). */
  memo: DecisionMemo | null = null;
  refs = 0;
  /** KIND_ROLES: masks of the assigned roles and of the roles held through them. */
  assigned = 0;
  held = 0;
  constructor(
    readonly kind: number,
    readonly key: string,
    /** Word offset of the set's bits in the slab. */
    readonly offset: number,
  ) {}
}

/** A user's set with the instants between which it holds: [validFrom, validUntil). */
export interface ExpiringEntry {
  set: UserSet;
  validFrom: number;
  validUntil: number;
}

export type CacheEntry = UserSet | ExpiringEntry;

/** What the cache keeps per user: their assignments resolved against the policy, and their set. */
export interface UserSlot {
  /** The assignments it was computed from (a reloaded user is a new object: recomputed). */
  source: UserAssignments;
  /**
   * The compiled assignments, kept only while needed: an entry that expires is recomputed from
   * them; one that never does (most users) drops them once its set is known, and the rules'
   * slow paths compile them again on demand (`compiled`). Memory per cached user is the set's.
   */
  user: CompiledUser | null;
  entry: CacheEntry;
}

export interface UserSetCacheOptions {
  /** Users cached per tenant (LRU). */
  maxUsers: number;
}

export class UserSetCache {
  /** Bits of all live sets, `words` words each. Grows by doubling; freed slots are reused. */
  slab: Uint32Array;
  private slots: number;
  private used = 0;
  private readonly free: number[] = [];
  private readonly interned = new Map<string, UserSet>();
  private readonly scratch: Uint32Array;
  /** Codes that have dependencies. */
  private readonly withDependencies: number[];
  readonly lru: ClockCache<UserSlot>;
  readonly nonMember: UserSet;
  readonly superAdmin: UserSet;
  /**
   * The last user asked about and their slot: a page asks about one user many times in a row,
   * and this answers those without touching the LRU. Cleared when that slot leaves the LRU, so
   * it never outlives its set's slot in the slab.
   */
  private lastSource: UserAssignments | null = null;
  private lastSlot: UserSlot | null = null;

  constructor(
    private readonly t: TenantData,
    private readonly roleDecisions: RoleDecisions | null,
    options: UserSetCacheOptions,
  ) {
    this.slots = 64;
    this.slab = new Uint32Array(this.slots * t.words);
    this.scratch = new Uint32Array(t.words);
    this.withDependencies = t.dependencyWalks.flatMap((walk, i) => (walk.length > 0 ? [i] : []));
    this.lru = new ClockCache<UserSlot>(Math.max(1, options.maxUsers), (slot) => {
      if (slot === this.lastSlot) this.lastSource = this.lastSlot = null;
      this.release(slot.entry instanceof UserSet ? slot.entry : slot.entry.set);
    });
    this.nonMember = new UserSet(KIND_NON_MEMBER, "", this.allocate());
    this.superAdmin = new UserSet(KIND_SUPER_ADMIN, "*", this.allocate());
    this.scratch.set(t.allowedMask);
    this.filterDependencies(this.superAdmin.offset);
  }

  /**
   * The user's slot at `now` (default: the clock, read only when needed), computing it when
   * missing, computed from other assignments (the user changed), or no longer valid.
   */
  slot(source: UserAssignments, now: number | undefined): UserSlot {
    const last = this.lastSlot;
    if (source === this.lastSource && last !== null) return last;
    const cached = this.lru.get(source.userId);
    if (cached !== undefined && cached.source === source) {
      const entry = cached.entry;
      if (entry instanceof UserSet) return this.remember(source, cached);
      const at = now ?? Date.now();
      if (at >= entry.validFrom && at < entry.validUntil) return cached;
    }
    if (cached !== undefined) this.lru.delete(source.userId);
    const user = cached !== undefined && cached.source === source ? this.compiled(cached) : compileUser(this.t, source);
    const entry = this.compute(user, now ?? Date.now());
    const set = entry instanceof UserSet ? entry : entry.set;
    set.refs++;
    const slot: UserSlot = { source, user: entry instanceof UserSet ? null : user, entry };
    this.lru.set(source.userId, slot);
    // Entries that expire are checked against the clock on every call: never remembered here.
    return entry instanceof UserSet ? this.remember(source, slot) : slot;
  }

  /** The slot's compiled assignments, compiled again (and kept) when they were dropped. */
  compiled(slot: UserSlot): CompiledUser {
    if (slot.user === null) slot.user = compileUser(this.t, slot.source);
    return slot.user;
  }

  entry(source: UserAssignments, now: number | undefined): CacheEntry {
    return this.slot(source, now).entry;
  }

  /** Drops a user's slot (their assignments changed, or they are no longer wanted). */
  forget(userId: string): boolean {
    return this.lru.delete(userId);
  }

  private remember(source: UserAssignments, slot: UserSlot): UserSlot {
    this.lastSource = source;
    this.lastSlot = slot;
    return slot;
  }

  setOf(source: UserAssignments, now: number | undefined): UserSet {
    const entry = this.slot(source, now).entry;
    return entry instanceof UserSet ? entry : entry.set;
  }

  has(set: UserSet, index: number): boolean {
    return hasBit(this.slab, set.offset, index);
  }

  /** Live interned sets (besides the two shared by all non-members and all super-admins). */
  get internedCount(): number {
    return this.interned.size;
  }

  private compute(user: CompiledUser, now: number): CacheEntry {
    let validFrom = -Infinity;
    let validUntil = Infinity;
    for (const row of [...user.assignments, ...user.overrides]) {
      if (row.expiresAt === null) continue;
      if (row.expiresAt <= now) validFrom = Math.max(validFrom, row.expiresAt);
      else validUntil = Math.min(validUntil, row.expiresAt);
    }
    const set = this.setFor(user, now);
    return validFrom === -Infinity && validUntil === Infinity ? set : { set, validFrom, validUntil };
  }

  private setFor(user: CompiledUser, now: number): UserSet {
    const t = this.t;
    if (user.isSuperAdmin) return this.superAdmin;
    if (user.member?.active !== true) return this.nonMember;
    const roles = [
      ...new Set(user.assignments.filter((a) => a.roleIdx >= 0 && isUnexpired(a.expiresAt, now)).map((a) => a.roleIdx)),
    ].sort((a, b) => a - b);
    const overrides = user.overrides.filter((o) => isUnexpired(o.expiresAt, now));
    const key =
      roles.join(",") +
      "|" +
      overrides
        .map((o) => `${o.code}:${o.effect}:${o.expiresAt ?? ""}`)
        .sort()
        .join(",");
    const shared = this.interned.get(key);
    if (shared !== undefined) return shared;

    // Rules 5–6 without a context (every grant's scope and conditions count), then rules 1–3.
    const g = this.scratch;
    g.fill(0);
    for (const r of roles) orInto(g, 0, t.roleBits, r * t.words, t.words);
    for (const o of overrides) {
      // Sorted by depth, allow before deny: the most specific override is applied last.
      for (const i of subtreeIndexes(t.codes, o.code)) {
        if (o.effect === "allow") setBit(g, 0, i);
        else clearBit(g, 0, i);
      }
    }
    andInto(g, 0, t.allowedMask, 0, t.words);
    const rolesOnly = overrides.length === 0 && this.roleDecisions !== null;
    const set = new UserSet(rolesOnly ? KIND_ROLES : KIND_MEMBER, key, this.allocate());
    if (rolesOnly) {
      for (const r of roles) set.assigned |= 1 << r;
      set.held = this.roleDecisions?.heldMask(roles) ?? 0;
    }
    this.filterDependencies(set.offset);
    this.interned.set(key, set);
    return set;
  }

  /** Copy `scratch` (granted by rules 1–6) to the slab, dropping codes with a missing dependency. */
  private filterDependencies(offset: number): void {
    const g = this.scratch;
    this.slab.set(g, offset);
    for (const i of this.withDependencies) {
      if (!hasBit(g, 0, i)) continue;
      for (const step of this.t.dependencyWalks[i] ?? []) {
        if (step.idx < 0 || !hasBit(g, 0, step.idx)) {
          clearBit(this.slab, offset, i);
          break;
        }
      }
    }
  }

  private allocate(): number {
    const words = this.t.words;
    const slot = this.free.pop();
    if (slot !== undefined) return slot * words;
    if (this.used === this.slots) {
      this.slots *= 2;
      const grown = new Uint32Array(this.slots * words);
      grown.set(this.slab);
      this.slab = grown;
    }
    return this.used++ * words;
  }

  private release(set: UserSet): void {
    set.refs--;
    if (set.refs > 0 || set === this.nonMember || set === this.superAdmin) return;
    this.interned.delete(set.key);
    set.memo = null;
    this.free.push(set.offset / this.t.words);
  }
}
