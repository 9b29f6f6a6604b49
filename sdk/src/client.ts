import { DecisionState } from "../../lib/permissions/decision-state";
import { type CompiledTenant, type EffectivePermissions, outsider } from "../../lib/permissions/engine";
import type {
  Decision,
  DecisionContext,
  Explanation,
  PolicySnapshot,
  UserAssignments,
} from "../../lib/permissions/types";
import { Freshness } from "./freshness";
import { call, GatehouseError, type Transport } from "./http";
import { type ChangeData, ChangeStream } from "./stream";

/**
 * The client SDK (docs/sdk.md): Gatehouse's own decision engine (lib/permissions, bundled from
 * the one source) inside the customer's Node process. The policy and the users' assignments are
 * fetched from the sync routes and kept in the same DecisionState the server uses; the change
 * stream applies each change as it comes. Memory answers only while the stream confirms it is
 * current (the freshness bound); otherwise the HTTP check API answers, or the answer is no.
 */

export interface ConnectOptions {
  /** Gatehouse's base URL, e.g. `https://gatehouse.example.com`. */
  url: string;
  /** An API key with the scope `check`, whose creator holds `gatehouse.users.view`. */
  apiKey: string;
  /** Longest time without a word from the change stream before memory stops answering (default 5,000 ms). */
  staleAfterMs?: number;
  /** When memory may not answer: ask `POST /api/v1/check` ("remote", the default) or answer no ("deny"). */
  onStale?: "remote" | "deny";
  /** Users whose assignments are kept (CLOCK eviction beyond it), default 10,000. */
  maxUsers?: number;
  /** How long a `minPermVersion` not heard yet waits for the stream before reading afresh (default 100 ms). */
  minVersionWaitMs?: number;
  /** Timeout of each HTTP call and of `connect` (default 10,000 ms). */
  timeoutMs?: number;
  /** Reconnection backoff of the stream (default 250 ms doubling to 5,000 ms). */
  reconnect?: { minDelayMs?: number; maxDelayMs?: number };
  metrics?: MetricsHooks;
}

/** Called as things happen; all optional. Counters are in `gate.stats()`. */
export interface MetricsHooks {
  /** The policy or a batch of users was fetched. */
  onLoad?(event: { kind: "policy" | "users"; count: number; ms: number; permVersion: number }): void;
  /** Memory became trusted again, or stopped being (`sinceConfirmedMs`: the silence so far). */
  onStaleness?(event: { fresh: boolean; sinceConfirmedMs: number }): void;
  /** A change arrived on the stream (or a reset: everything dropped). */
  onChange?(event: { permVersion: number; policy: boolean; users: number | "all"; reset: boolean }): void;
  /** The stream failed and is being reopened. */
  onStreamError?(error: unknown): void;
  /** Every answer (costs a call per check: leave unset on hot paths). */
  onCheck?(event: { code: string; granted: boolean; source: DecisionSource }): void;
}

/** Where an answer came from: memory, the HTTP check API, or the stale rule's "no". */
export type DecisionSource = "memory" | "remote" | "stale";

export interface CallOptions {
  /** Read-your-writes: answer from state at least this fresh (a write's `perm_version`). */
  minPermVersion?: number;
}

export interface SdkDecision extends Decision {
  perm_version: number;
  source: DecisionSource;
}

export interface SdkStats {
  /** Answers from memory (`check*`, `decide`, `checkSync`). */
  memory: number;
  /** `checkSync` answers of no because the user (or the policy) was not in memory. */
  notLoaded: number;
  remote: number;
  staleDenials: number;
  policyLoads: number;
  userLoads: number;
  usersLoaded: number;
  userEvictions: number;
  changes: number;
  resets: number;
  reconnects: number;
  /** Users whose assignments are held now. */
  cachedUsers: number;
  /** The last version the stream delivered. */
  permVersion: number;
  fresh: boolean;
  /** Milliseconds since the stream last confirmed freshness. */
  sinceConfirmedMs: number;
}

/** The state's one tenant: the key's. DecisionState is keyed by tenant; the SDK only ever has one. */
const TENANT = "key-tenant";
const STALE_DENIAL: Decision = Object.freeze({
  granted: false,
  reason: "none",
  via: null,
  requires_mfa: false,
  deprecated: false,
  replacement: null,
});
const BATCH = 500;

export class Gatehouse {
  private readonly state: DecisionState;
  private readonly stream: ChangeStream;
  private readonly freshness: Freshness;
  private readonly transport: Transport;
  private readonly onStale: "remote" | "deny";
  private readonly hooks: MetricsHooks;
  private tenantId: string | null = null;
  private closed = false;
  private readonly counts = {
    memory: 0,
    remote: 0,
    staleDenials: 0,
    notLoaded: 0,
    usersLoaded: 0,
    changes: 0,
    resets: 0,
  };
  /** Users being fetched in the background (checkSync, changes), so each is fetched once at a time. */
  private readonly refreshing = new Set<string>();

  private constructor(options: ConnectOptions) {
    this.transport = {
      base: options.url.replace(/\/+$/, ""),
      apiKey: options.apiKey,
      timeoutMs: options.timeoutMs ?? 10_000,
    };
    this.onStale = options.onStale ?? "remote";
    this.hooks = options.metrics ?? {};
    const maxUsers = options.maxUsers ?? 10_000;
    this.freshness = new Freshness(options.staleAfterMs ?? 5_000, Date.now, (fresh, sinceConfirmedMs) =>
      this.hooks.onStaleness?.({ fresh, sinceConfirmedMs }),
    );
    this.state = new DecisionState(
      {
        loadPolicy: () => this.fetchPolicy(),
        loadUsers: (_tenant, ids) => this.fetchUsers(ids),
        // The safety net of the server's cache is the stream here: the version it delivered.
        currentVersion: async () => this.stream.version,
      },
      {
        maxUsers,
        ttlMs: 60_000,
        notifyWaitMs: options.minVersionWaitMs ?? 100,
        compile: { maxUsers },
      },
    );
    this.stream = new ChangeStream(
      this.transport,
      this.freshness,
      {
        onStart: (kind, permVersion, resumedFrom) => {
          // A reset, or a fresh start after a reconnect that could not resume: what is held may be stale.
          if (kind === "reset" || (resumedFrom === null && this.tenantId !== null)) {
            this.counts.resets++;
            this.state.flush();
            this.hooks.onChange?.({ permVersion, policy: true, users: "all", reset: true });
            this.refresh([]);
          }
        },
        onChange: (change) => this.applyChange(change),
        onError: (error) => this.hooks.onStreamError?.(error),
      },
      { minDelayMs: options.reconnect?.minDelayMs ?? 250, maxDelayMs: options.reconnect?.maxDelayMs ?? 5_000 },
    );
  }

  /** Opens the change stream, then fetches the policy: ready to answer when it resolves. */
  static async connect(options: ConnectOptions): Promise<Gatehouse> {
    const gate = new Gatehouse(options);
    try {
      await withTimeout(gate.stream.start(), gate.transport.timeoutMs, "the change stream did not open");
      await gate.state.decisions(TENANT, []);
      return gate;
    } catch (error) {
      gate.close();
      throw error;
    }
  }

  /** The key's tenant (known once connected). */
  get tenant(): string | null {
    return this.tenantId;
  }

  /** Whether a user is granted `code` (with a context: the resource at hand, §3.6). */
  async check(userId: string, code: string, context?: DecisionContext, options?: CallOptions): Promise<boolean> {
    return (await this.decide(userId, code, context, options)).granted;
  }

  /** The full decision, with its reason, the version it was made at and where it came from. */
  async decide(userId: string, code: string, context?: DecisionContext, options?: CallOptions): Promise<SdkDecision> {
    const compiled = await this.fromMemory([userId], options);
    if (compiled === null) return this.fallback(userId, code, context, options);
    const decision = compiled.decide(userId, code, context);
    this.counted(code, decision.granted, "memory");
    return { ...decision, perm_version: compiled.permVersion, source: "memory" };
  }

  /**
   * From memory only, never waiting. It answers no, and fetches in the background, for a user
   * whose assignments are not in memory (never asked about, evicted, or just changed and being
   * fetched again: a change refetches the users it names at once), and while the policy is
   * being fetched again after a change: it never answers from state it knows is stale. When
   * memory is not fresh (the bound) it answers no: it cannot ask the server synchronously.
   * Use `check` where a wrong no matters more than a wait.
   */
  checkSync(userId: string, code: string, context?: DecisionContext): boolean {
    const policy = this.state.heldPolicy(TENANT);
    const user = this.state.heldUser(TENANT, userId);
    if (policy === null || user === null) {
      this.counts.notLoaded++;
      this.refresh(user === null ? [userId] : []);
      return false;
    }
    if (!this.freshness.fresh()) {
      this.counts.staleDenials++;
      return false;
    }
    this.counts.memory++;
    const granted = policy.decide(user, code, context).granted;
    this.hooks.onCheck?.({ code, granted, source: "memory" });
    return granted;
  }

  /** Whether `checkSync` can answer for this user from memory now. */
  isLoaded(userId: string): boolean {
    return this.state.holdsPolicy(TENANT) && this.state.holds(TENANT, userId);
  }

  /** Whether the user holds every one of `codes` (no context). */
  async checkAll(userId: string, codes: readonly string[], options?: CallOptions): Promise<boolean> {
    return (await this.each(userId, codes, options)).every(Boolean);
  }

  /** Whether the user holds at least one of `codes` (no context). */
  async checkAny(userId: string, codes: readonly string[], options?: CallOptions): Promise<boolean> {
    return (await this.each(userId, codes, options)).some(Boolean);
  }

  /** The codes the user holds without a context, sorted, and until when that holds (an expiry). */
  async effectivePermissions(userId: string, options?: CallOptions): Promise<EffectivePermissions> {
    return (await this.required([userId], options)).effectivePermissions(userId);
  }

  /** The decision with every step that led to it (§3.3). */
  async explain(userId: string, code: string, context?: DecisionContext, options?: CallOptions): Promise<Explanation> {
    return (await this.required([userId], options)).explain(userId, code, context);
  }

  /** Fetches these users' assignments now (a batch), so `checkSync` can answer for them. */
  async load(userIds: readonly string[], options?: CallOptions): Promise<void> {
    if (userIds.length === 0) await this.state.decisions(TENANT, [], options?.minPermVersion ?? 0);
    for (let i = 0; i < userIds.length; i += BATCH)
      await this.state.decisions(TENANT, userIds.slice(i, i + BATCH), options?.minPermVersion ?? 0);
  }

  stats(): SdkStats {
    const s = this.state.stats;
    return {
      ...this.counts,
      policyLoads: s.policyLoads,
      userLoads: s.userLoads,
      userEvictions: s.userEvictions,
      reconnects: this.stream.reconnects,
      cachedUsers: this.state.cachedUsers,
      permVersion: this.stream.version,
      fresh: this.freshness.fresh(),
      sinceConfirmedMs: this.freshness.age(),
    };
  }

  /** Closes the stream and stops answering from memory. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stream.stop();
    this.state.flush();
  }

  private applyChange(change: ChangeData): void {
    this.counts.changes++;
    // The users it names who are held now are fetched again at once, so checkSync keeps answering.
    // DecisionState's own refresh-ahead does so while the policy is held; this covers a change that
    // dropped the policy too (the loads join: one fetch per user).
    const held = (change.user_ids ?? []).filter((id) => this.state.holds(TENANT, id));
    this.state.apply({
      tenant_id: TENANT,
      perm_version: change.perm_version,
      policy: change.policy,
      users: change.all_users ? "all" : change.user_ids,
    });
    this.hooks.onChange?.({
      permVersion: change.perm_version,
      policy: change.policy,
      users: change.all_users ? "all" : (change.user_ids?.length ?? 0),
      reset: false,
    });
    this.refresh(held);
  }

  /** Fetches the policy (when it is not held) and these users in the background. */
  private refresh(userIds: readonly string[]): void {
    if (this.closed) return;
    const ids = userIds.filter((id) => !this.refreshing.has(id));
    const key = "\u0000policy";
    const policy = !this.state.holdsPolicy(TENANT) && !this.refreshing.has(key);
    if (ids.length === 0 && !policy) return;
    const marks = policy ? [...ids, key] : ids;
    for (const id of marks) this.refreshing.add(id);
    void this.load(ids.length > 0 ? ids : [])
      .catch((error: unknown) => this.hooks.onStreamError?.(error))
      .finally(() => {
        for (const id of marks) this.refreshing.delete(id);
      });
  }

  /** Memory's state for these users, or null when memory may not answer (stale, closed, or unreachable). */
  private async fromMemory(userIds: readonly string[], options?: CallOptions): Promise<CompiledTenant | null> {
    if (this.closed || !this.freshness.fresh()) return null;
    try {
      const compiled = await this.state.decisions(TENANT, userIds, options?.minPermVersion ?? 0);
      // The wait for a load may have outlasted the bound.
      return compiled !== null && this.freshness.fresh() ? compiled : null;
    } catch (error) {
      this.hooks.onStreamError?.(error);
      return null;
    }
  }

  private async required(userIds: readonly string[], options?: CallOptions): Promise<CompiledTenant> {
    const compiled = await this.fromMemory(userIds, options);
    if (compiled === null)
      throw new GatehouseError(503, "Stale", "Gatehouse: the SDK cannot confirm its state is current.");
    return compiled;
  }

  private async each(userId: string, codes: readonly string[], options?: CallOptions): Promise<boolean[]> {
    const compiled = await this.fromMemory([userId], options);
    if (compiled !== null) {
      const granted = compiled.grantedEach(userId, codes);
      this.counts.memory += codes.length;
      return granted;
    }
    if (this.onStale === "deny") {
      this.counts.staleDenials += codes.length;
      return codes.map(() => false);
    }
    const res = await call<{ permissions: Record<string, boolean> }>(this.transport, "POST", "/api/v1/check/bulk", {
      user_id: userId,
      codes,
      ...(options?.minPermVersion === undefined ? {} : { min_perm_version: options.minPermVersion }),
    });
    this.counts.remote += codes.length;
    return codes.map((code) => res.permissions[code] === true);
  }

  /** Memory may not answer: the HTTP check API does ("remote"), or the answer is no ("deny"). */
  private async fallback(
    userId: string,
    code: string,
    context?: DecisionContext,
    options?: CallOptions,
  ): Promise<SdkDecision> {
    if (this.onStale === "deny") {
      this.counted(code, false, "stale");
      return { ...STALE_DENIAL, perm_version: this.stream.version, source: "stale" };
    }
    const { conditional, perm_version, ...decision } = await call<Decision & { perm_version: number }>(
      this.transport,
      "POST",
      "/api/v1/check",
      {
        user_id: userId,
        code,
        ...(context === undefined ? {} : { context }),
        ...(options?.minPermVersion === undefined ? {} : { min_perm_version: options.minPermVersion }),
      },
    );
    this.counted(code, decision.granted, "remote");
    // The engine says `conditional` only when it is true; the check API always does.
    return { ...decision, ...(conditional ? { conditional } : {}), perm_version, source: "remote" };
  }

  private counted(code: string, granted: boolean, source: DecisionSource): void {
    if (source === "memory") this.counts.memory++;
    else if (source === "remote") this.counts.remote++;
    else this.counts.staleDenials++;
    this.hooks.onCheck?.({ code, granted, source });
  }

  private async fetchPolicy(): Promise<PolicySnapshot | null> {
    const started = performance.now();
    const body = await call<{ format: number; tenant_id: string; perm_version: number; policy: PolicySnapshot }>(
      this.transport,
      "GET",
      "/api/v1/sync/policy",
    );
    if (body.format !== 1)
      throw new Error(`Gatehouse: policy format ${body.format} is newer than this SDK; upgrade it`);
    this.tenantId = body.tenant_id;
    this.hooks.onLoad?.({ kind: "policy", count: 1, ms: performance.now() - started, permVersion: body.perm_version });
    return body.policy;
  }

  private async fetchUsers(ids: readonly string[]): Promise<{ version: number; users: Map<string, UserAssignments> }> {
    const started = performance.now();
    const body = await call<{ users: UserAssignments[]; not_found: string[]; perm_version: number }>(
      this.transport,
      "POST",
      "/api/v1/sync/users",
      { user_ids: ids },
    );
    const users = new Map<string, UserAssignments>();
    for (const user of body.users) users.set(user.userId, user);
    // Someone the tenant does not know is decided as a stranger, as the check API decides them.
    for (const id of body.not_found) users.set(id, outsider(id));
    this.counts.usersLoaded += ids.length;
    this.hooks.onLoad?.({
      kind: "users",
      count: ids.length,
      ms: performance.now() - started,
      permVersion: body.perm_version,
    });
    return { version: body.perm_version, users };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Gatehouse: ${what} within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
