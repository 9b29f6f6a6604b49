/**
 * What an instance keeps in memory to decide (docs/design.md §5), as plain logic: the loaders are
 * handed in (cache.ts gives it the database and LISTEN), so the property tests run it against an
 * in-memory world.
 *
 * Two kinds of state, kept and invalidated apart:
 * - per tenant, the compiled **policy** (catalog, plan, roles, grants): recompiled when a change
 *   says the policy changed, never because a user did;
 * - per (tenant, user), the user's **assignments**, in one bounded CLOCK cache shared by every
 *   tenant: loaded on demand (a batch for many), dropped one by one when a change names the user.
 *
 * Versions keep `min_perm_version` exact. Every entry remembers the tenant version it was read at.
 * LISTEN starts before anything is read, so every change committed after a read is heard; `base`
 * is the version of the first read stored for the tenant and `applied` the version up to which
 * every change since has been heard (changes arrive in commit order, but a writer tells its own
 * instance before the NOTIFYs of earlier commits arrive, so out-of-order versions wait in
 * `pending`). An entry is fresh enough for a floor F when it was read at F or later, or when it
 * was read at `base` or later and every change up to F has been heard (a change that touched it
 * dropped it); otherwise it is read again (one indexed query). Fences: a load that a change overtook (its version is below a
 * change announced while it ran) is not stored. A lost LISTEN flushes everything; a periodic
 * version check (the TTL) drops a tenant whose version moved without telling us.
 */
import { ClockCache } from "./clock-cache";
import { type CompiledPolicy, CompiledTenant, type CompileOptions, compilePolicy } from "./engine";
import type { PolicySnapshot, UserAssignments } from "./types";

export interface StateLoaders {
  /** The tenant's policy as of one version (`permVersion`); null: no such tenant. */
  loadPolicy(tenantId: string): Promise<PolicySnapshot | null>;
  /** Users' assignments read at one instant, with the tenant's version then; null: no such tenant. */
  loadUsers(
    tenantId: string,
    userIds: readonly string[],
  ): Promise<{ version: number; users: Map<string, UserAssignments> } | null>;
  /** The tenant's perm_version now; null: no such tenant. */
  currentVersion(tenantId: string): Promise<number | null>;
}

/** A change as NOTIFY announces it (db/queries/perm-version.ts). */
export interface Change {
  tenant_id?: string;
  perm_version?: number;
  /** Every tenant changed (a global catalog or plan change): flush. */
  all?: boolean;
  /** The tenant's policy changed. */
  policy?: boolean;
  /** These users' assignments changed; "all": every user of the tenant. */
  users?: string[] | "all";
}

export interface DecisionStateOptions {
  /** Users' assignments kept, across tenants (CLOCK). */
  maxUsers: number;
  /** How often a tenant's version is compared with the database (the safety net), ms. */
  ttlMs: number;
  compile?: CompileOptions;
  clock?: () => number;
  /**
   * How long a request with a `min_perm_version` this instance has not heard yet waits for the
   * NOTIFYs up to it, ms (0: never waits). The write that made that version has committed and its
   * NOTIFY is on the way; hearing it costs well under a millisecond, while not waiting means
   * reading the policy again (a transaction and a compile) because a change in the gap might have
   * touched it. After the wait, whatever is still unheard is read again as before.
   */
  notifyWaitMs?: number;
  /**
   * At most this many of the users a change names, held here when it came, are read again at once
   * (in one batch) instead of on their next question: they were active, so they will be asked
   * about again, usually within milliseconds of the write (0: never; default 1,000).
   */
  refreshAhead?: number;
}

export interface DecisionStateStats {
  policyHits: number;
  policyLoads: number;
  policyInvalidations: number;
  userHits: number;
  userMisses: number;
  /** Load queries (each a batch of users). */
  userLoads: number;
  userInvalidations: number;
  /** Users pushed out of the bounded cache to make room. */
  userEvictions: number;
  /** Tenants dropped whole: a change that named no users, or the version check found a gap. */
  tenantResets: number;
  flushes: number;
  notifications: number;
  /** Requests that waited for the NOTIFYs up to their `min_perm_version` (`notifyWaitMs`). */
  notifyWaits: number;
  /** Users read again as soon as a change named them (`refreshAhead`), before anyone asked. */
  userRefreshes: number;
}

interface PolicyEntry {
  compiled: CompiledPolicy;
  version: number;
}

interface UserEntry {
  tenantId: string;
  user: UserAssignments;
  version: number;
}

interface Load<T> {
  promise: Promise<T>;
  /** The version a result must have reached to be stored (raised by changes while it runs). */
  floor: number;
}

interface TenantState {
  policy: PolicyEntry | null;
  policyLoad: Load<PolicyEntry | null> | null;
  /** A policy read below this version is stale. */
  policyFloor: number;
  /** A user entry read below this version is stale (a change named every user). */
  usersFloor: number;
  /** The version of the first read stored; -1: none yet. */
  base: number;
  /** Every change from `base` up to this version has been heard; -1: no base yet. */
  applied: number;
  pending: Set<number>;
  /** Requests waiting until `applied` reaches their version (`decisions`, `notifyWaitMs`). */
  waiting: { version: number; wake: () => void }[];
  checkedAt: number;
  checking: boolean;
  /**
   * The cache key of each user held, by user id: `heldUser` looks a user up by the key string
   * already stored (its hash computed once) instead of building it again on every call.
   */
  keys: Map<string, string>;
}

const key = (tenantId: string, userId: string) => `${tenantId}\u0000${userId}`;

export class DecisionState {
  private readonly tenants = new Map<string, TenantState>();
  private readonly users: ClockCache<UserEntry>;
  private readonly userLoads = new Map<string, Load<void>>();
  private readonly clock: () => number;
  private readonly counts: Omit<DecisionStateStats, "userEvictions"> = {
    policyHits: 0,
    policyLoads: 0,
    policyInvalidations: 0,
    userHits: 0,
    userMisses: 0,
    userLoads: 0,
    userInvalidations: 0,
    tenantResets: 0,
    flushes: 0,
    notifyWaits: 0,
    notifications: 0,
    userRefreshes: 0,
  };

  constructor(
    private readonly loaders: StateLoaders,
    private readonly options: DecisionStateOptions,
  ) {
    this.clock = options.clock ?? Date.now;
    this.users = new ClockCache<UserEntry>(options.maxUsers, (entry, k) => {
      const userId = k.slice(k.indexOf("\u0000") + 1);
      const t = this.tenants.get(entry.tenantId);
      t?.policy?.compiled.forget(userId);
      t?.keys.delete(userId);
    });
  }

  /** Counted since this instance started, never reset (metrics read them as counters). */
  get stats(): DecisionStateStats {
    return { ...this.counts, userEvictions: this.users.evictions };
  }

  get cachedUsers(): number {
    return this.users.size;
  }

  /** Whether a user's assignments are held (tests count what a change left in place). */
  holds(tenantId: string, userId: string): boolean {
    const entry = this.users.peek(key(tenantId, userId));
    const t = this.tenants.get(tenantId);
    return entry !== undefined && t !== undefined && entry.version >= t.usersFloor;
  }

  /** Whether the tenant's compiled policy is held. */
  holdsPolicy(tenantId: string): boolean {
    const t = this.tenants.get(tenantId);
    return t?.policy != null && t.policy.version >= t.policyFloor;
  }

  /**
   * The tenant's compiled policy when it is held and no change heard since has made it stale,
   * without a read or a wait; null otherwise. With `heldUser`, the synchronous path of the client
   * SDK (sdk/: `checkSync`), which answers only from what the change stream keeps current.
   */
  heldPolicy(tenantId: string): CompiledPolicy | null {
    const t = this.tenants.get(tenantId);
    const policy = t?.policy;
    if (t === undefined || policy == null || policy.version < t.policyFloor) return null;
    this.counts.policyHits++;
    return policy.compiled;
  }

  /** A user's assignments when they are held and current (see `heldPolicy`); null otherwise. */
  heldUser(tenantId: string, userId: string): UserAssignments | null {
    const t = this.tenants.get(tenantId);
    if (t === undefined) return null;
    const entry = this.users.get(t.keys.get(userId) ?? key(tenantId, userId));
    if (entry === undefined || entry.version < t.usersFloor) return null;
    this.counts.userHits++;
    return entry.user;
  }

  /**
   * The tenant's policy and these users, at least as fresh as `minVersion` and as every change
   * this instance has heard of; null: no such tenant. Ask only about the users loaded here.
   */
  async decisions(tenantId: string, userIds: readonly string[], minVersion = 0): Promise<CompiledTenant | null> {
    const t = this.tenant(tenantId);
    this.verifySometimes(tenantId, t);
    // A version not heard yet: its NOTIFY is usually a fraction of a millisecond away.
    const hearing = minVersion > 0 ? this.heard(t, minVersion) : null;
    if (hearing !== null) {
      this.counts.notifyWaits++;
      await hearing;
    }
    for (let attempt = 0; ; attempt++) {
      const policy = await this.policyAt(tenantId, t, minVersion);
      if (policy === null) return null;
      const loaded = await this.usersAt(tenantId, t, userIds, minVersion);
      if (loaded === null) return null;
      // A policy change may have landed while the users loaded: then decide on the new policy.
      if (!this.stale(t, policy, minVersion) || attempt >= 3) return this.answer(t, policy, loaded);
    }
  }

  /**
   * What `decisions` would answer when memory alone holds it — the policy and every user fresh,
   * no NOTIFY to wait for — else undefined (then call `decisions`). The check path's way to
   * answer without a promise (lib/maybe-promise.ts); the same freshness rules, the same counts.
   */
  held(tenantId: string, userIds: readonly string[], minVersion = 0): CompiledTenant | undefined {
    const t = this.tenants.get(tenantId);
    if (t === undefined || (minVersion > 0 && this.mustHear(t, minVersion))) return undefined;
    const policy = t.policy;
    if (policy === null || policy.version < t.policyFloor || !this.fresh(t, policy.version, minVersion))
      return undefined;
    const loaded = new Map<string, UserEntry>();
    for (const userId of userIds) {
      const entry = this.users.get(key(tenantId, userId));
      if (entry === undefined || entry.version < t.usersFloor || !this.fresh(t, entry.version, minVersion))
        return undefined;
      loaded.set(userId, entry);
    }
    this.verifySometimes(tenantId, t);
    this.counts.policyHits++;
    this.counts.userHits += loaded.size;
    return this.answer(t, policy, loaded);
  }

  /** The decisions of this policy for these users, at the version they are known to hold at together. */
  private answer(t: TenantState, policy: PolicyEntry, loaded: Map<string, UserEntry>): CompiledTenant {
    // The version this state answers for: the least that each of its pieces is known to hold at.
    let version = this.holdsUpTo(t, policy.version);
    for (const entry of loaded.values()) version = Math.min(version, this.holdsUpTo(t, entry.version));
    return new CompiledTenant(
      policy.compiled,
      (userId) => {
        const entry = loaded.get(userId);
        if (entry === undefined) throw new Error(`decisions: user ${userId} was not loaded for this request`);
        return entry.user;
      },
      version,
    );
  }

  /** Applies a change announced by NOTIFY (or by this instance's own write, at once). */
  onNotify(payload: string): void {
    let change: Change;
    try {
      change = JSON.parse(payload) as Change;
    } catch {
      this.flush();
      return;
    }
    this.apply(change);
  }

  apply(change: Change): void {
    this.counts.notifications++;
    if (change.all === true || typeof change.tenant_id !== "string") {
      this.flush();
      return;
    }
    const tenantId = change.tenant_id;
    const t = this.tenants.get(tenantId);
    if (t === undefined) return; // nothing of it is held, nothing is loading
    const v = typeof change.perm_version === "number" ? change.perm_version : Number.MAX_SAFE_INTEGER;
    const named = change.policy === true || change.users !== undefined;
    if (!named || change.users === "all") this.resetUsers(t, v);
    if (!named || change.policy === true) {
      t.policyFloor = Math.max(t.policyFloor, v);
      if (t.policyLoad) t.policyLoad.floor = Math.max(t.policyLoad.floor, v);
      if (t.policy !== null && t.policy.version < v) {
        t.policy = null;
        this.counts.policyInvalidations++;
      }
    }
    const dropped: string[] = [];
    if (Array.isArray(change.users)) {
      for (const userId of change.users) {
        const k = key(tenantId, userId);
        const load = this.userLoads.get(k);
        if (load) load.floor = Math.max(load.floor, v);
        const entry = this.users.peek(k);
        if (entry !== undefined && entry.version < v) {
          this.users.delete(k);
          this.counts.userInvalidations++;
          dropped.push(userId);
        }
      }
    }
    this.advance(t, v);
    this.refreshAhead(tenantId, t, dropped);
  }

  /**
   * Reads again, in one batch, the users a change just dropped (`refreshAhead`): the NOTIFY came
   * after the write's commit, so the read sees it, and a question arriving meanwhile joins the
   * load instead of starting its own. The load's fences hold as for any other load.
   */
  private refreshAhead(tenantId: string, t: TenantState, dropped: string[]): void {
    const limit = this.options.refreshAhead ?? 1000;
    if (dropped.length === 0 || dropped.length > limit || t.policy === null) return;
    const fresh = dropped.filter((userId) => !this.userLoads.has(key(tenantId, userId)));
    if (fresh.length === 0) return;
    this.counts.userRefreshes += fresh.length;
    void this.loadUsers(tenantId, t, fresh).catch(() => undefined);
  }

  /** Forgets everything (a lost LISTEN connection: changes may have been missed). */
  flush(): void {
    this.counts.flushes++;
    for (const t of this.tenants.values()) {
      this.wake(t, () => true);
      t.keys.clear(); // its users go below: a dropped state keeps no key to anyone's entry
    }
    this.tenants.clear();
    this.users.clear();
    for (const load of this.userLoads.values()) load.floor = Number.MAX_SAFE_INTEGER;
  }

  private tenant(tenantId: string): TenantState {
    let t = this.tenants.get(tenantId);
    if (t === undefined) {
      t = {
        policy: null,
        policyLoad: null,
        policyFloor: 0,
        usersFloor: 0,
        base: -1,
        applied: -1,
        pending: new Set(),
        waiting: [],
        checkedAt: this.clock(),
        checking: false,
        keys: new Map(),
      };
      this.tenants.set(tenantId, t);
    }
    return t;
  }

  /** Change `v` heard: move `applied` on through every contiguous version heard. */
  private advance(t: TenantState, v: number): void {
    if (t.applied >= 0 && v <= t.applied) return;
    t.pending.add(v);
    this.drain(t);
  }

  /** The first read stored for a tenant is its base: every change after it will be heard. */
  private baseline(t: TenantState, version: number): void {
    if (t.base >= 0) return;
    t.base = t.applied = version;
    this.drain(t);
  }

  private drain(t: TenantState): void {
    if (t.applied < 0) return;
    for (const v of t.pending) if (v <= t.applied) t.pending.delete(v);
    while (t.pending.delete(t.applied + 1)) t.applied++;
    if (t.waiting.length > 0) this.wake(t, (w) => w.version <= t.applied);
  }

  private wake(t: TenantState, which: (w: { version: number }) => boolean): void {
    const woken = t.waiting.filter(which);
    if (woken.length === 0) return;
    t.waiting = t.waiting.filter((w) => !woken.includes(w));
    for (const w of woken) w.wake();
  }

  /**
   * Waits (at most `notifyWaitMs`) until every change up to `version` has been heard: only when
   * the tenant is tracked (a base is known) and the gap is still open.
   */
  /** Whether a question at `version` waits for its NOTIFY first (`heard`). */
  private mustHear(t: TenantState, version: number): boolean {
    return (this.options.notifyWaitMs ?? 0) > 0 && t.base >= 0 && t.applied < version;
  }

  private heard(t: TenantState, version: number): Promise<void> | null {
    const wait = this.options.notifyWaitMs ?? 0;
    if (!this.mustHear(t, version)) return null;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.wake(t, (w) => w === waiter), wait);
      timer.unref?.();
      const waiter = {
        version,
        wake: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      t.waiting.push(waiter);
    });
  }

  /**
   * Forgets a tenant: its policy and every user's assignments held for it. The users must go with
   * it: a tenant dropped because its version moved without a NOTIFY (a change we never heard, which
   * may have been about any of them) starts again with no floors, so an entry left behind would be
   * taken as fresh — and a NOTIFY arriving while the tenant is dropped finds nothing to apply to.
   * A load still running for it stores nothing (it checks that its tenant is still this one).
   */
  private dropTenant(tenantId: string, t: TenantState): void {
    if (this.tenants.get(tenantId) === t) this.tenants.delete(tenantId);
    for (const k of [...t.keys.values()]) this.users.delete(k);
    t.keys.clear();
    this.wake(t, () => true);
  }

  private resetUsers(t: TenantState, v: number): void {
    t.usersFloor = Math.max(t.usersFloor, v);
    this.counts.tenantResets++;
  }

  /** The newest version a piece read at `version` is known to be current for. */
  private holdsUpTo(t: TenantState, version: number): number {
    return t.base >= 0 && version >= t.base ? Math.max(version, t.applied) : version;
  }

  private fresh(t: TenantState, version: number, minVersion: number): boolean {
    return version >= minVersion || (t.base >= 0 && version >= t.base && t.applied >= minVersion);
  }

  private stale(t: TenantState, policy: PolicyEntry, minVersion: number): boolean {
    return t.policy !== policy || policy.version < t.policyFloor || !this.fresh(t, policy.version, minVersion);
  }

  private async policyAt(tenantId: string, t: TenantState, minVersion: number): Promise<PolicyEntry | null> {
    for (let attempt = 0; ; attempt++) {
      const held = t.policy;
      if (held !== null && held.version >= t.policyFloor && this.fresh(t, held.version, minVersion)) {
        this.counts.policyHits++;
        return held;
      }
      const loaded = await this.loadPolicy(tenantId, t);
      if (loaded === null) return null;
      // Stored: fresh. Not stored (a change overtook it), or below a floor the database has not
      // reached (a min_perm_version from the future): one more read, then answer what there is.
      if (t.policy === loaded || attempt >= 2) return loaded;
    }
  }

  private loadPolicy(tenantId: string, t: TenantState): Promise<PolicyEntry | null> {
    if (t.policyLoad) return t.policyLoad.promise;
    const load: Load<PolicyEntry | null> = { promise: Promise.resolve(null), floor: t.policyFloor };
    load.promise = (async () => {
      this.counts.policyLoads++;
      const snapshot = await this.loaders.loadPolicy(tenantId);
      if (snapshot === null) {
        this.dropTenant(tenantId, t);
        return null;
      }
      const entry: PolicyEntry = {
        compiled: compilePolicy(snapshot, { maxUsers: this.options.maxUsers, ...this.options.compile }),
        version: snapshot.permVersion,
      };
      if (entry.version >= load.floor && this.tenants.get(tenantId) === t) {
        this.baseline(t, entry.version);
        if (t.policy === null || t.policy.version <= entry.version) t.policy = entry;
      }
      return entry;
    })().finally(() => {
      if (t.policyLoad === load) t.policyLoad = null;
    });
    t.policyLoad = load;
    return load.promise;
  }

  private async usersAt(
    tenantId: string,
    t: TenantState,
    userIds: readonly string[],
    minVersion: number,
  ): Promise<Map<string, UserEntry> | null> {
    const out = new Map<string, UserEntry>();
    for (let attempt = 0; ; attempt++) {
      const missing: string[] = [];
      for (const userId of userIds) {
        if (out.has(userId)) continue;
        const entry = this.users.get(key(tenantId, userId));
        if (entry !== undefined && entry.version >= t.usersFloor && this.fresh(t, entry.version, minVersion)) {
          this.counts.userHits++;
          out.set(userId, entry);
        } else missing.push(userId);
      }
      if (missing.length === 0) return out;
      if (attempt > 5) throw new Error(`decisions: could not read users of tenant ${tenantId}`);
      this.counts.userMisses += missing.length;
      const result = await this.loadUsers(tenantId, t, missing);
      if (result === null) return null;
      // What a change overtook was not stored: read those again; after a few rounds (or for a
      // floor the database has not reached) answer with what was read.
      if (attempt >= 2)
        for (const userId of missing)
          if (!out.has(userId)) {
            const user = result.users.get(userId);
            if (user) out.set(userId, { tenantId, user, version: result.version });
          }
    }
  }

  private async loadUsers(
    tenantId: string,
    t: TenantState,
    userIds: string[],
  ): Promise<{ version: number; users: Map<string, UserAssignments> } | null> {
    const waits: Promise<void>[] = [];
    const fresh: string[] = [];
    for (const userId of userIds) {
      const running = this.userLoads.get(key(tenantId, userId));
      if (running) waits.push(running.promise);
      else fresh.push(userId);
    }
    let result: { version: number; users: Map<string, UserAssignments> } | null = {
      version: 0,
      users: new Map(),
    };
    if (fresh.length > 0) {
      const loads = fresh.map((userId) => ({ userId, load: { promise: Promise.resolve(), floor: t.usersFloor } }));
      const batch = (async () => {
        this.counts.userLoads++;
        const read = await this.loaders.loadUsers(tenantId, fresh);
        if (read === null) {
          this.dropTenant(tenantId, t);
          return null;
        }
        if (this.tenants.get(tenantId) === t) {
          this.baseline(t, read.version);
          for (const { userId, load } of loads) {
            const user = read.users.get(userId);
            if (user === undefined || read.version < Math.max(load.floor, t.usersFloor)) continue;
            const k = key(tenantId, userId);
            const held = this.users.peek(k);
            if (held === undefined || held.version <= read.version) {
              this.users.set(k, { tenantId, user, version: read.version });
              t.keys.set(userId, k);
            }
          }
        }
        return read;
      })();
      for (const { userId, load } of loads) {
        const k = key(tenantId, userId);
        load.promise = batch.then(
          () => undefined,
          () => undefined,
        );
        this.userLoads.set(k, load);
        void load.promise.finally(() => {
          if (this.userLoads.get(k) === load) this.userLoads.delete(k);
        });
      }
      result = await batch;
    }
    await Promise.all(waits);
    return result;
  }

  /** The safety net: now and then, compare the tenant's version with the database's, in the background. */
  private verifySometimes(tenantId: string, t: TenantState): void {
    const now = this.clock();
    if (t.checking || now - t.checkedAt < this.options.ttlMs) return;
    t.checking = true;
    t.checkedAt = now;
    void this.loaders
      .currentVersion(tenantId)
      .then((current) => {
        if (this.tenants.get(tenantId) !== t) return;
        if (current === null) this.dropTenant(tenantId, t);
        else if (t.applied >= 0 && current > t.applied) {
          // Changed without a word to us: drop the tenant; the next question reads it afresh.
          this.counts.tenantResets++;
          this.dropTenant(tenantId, t);
        }
      })
      .catch(() => undefined)
      .finally(() => {
        t.checking = false;
      });
  }
}
