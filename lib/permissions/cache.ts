import "server-only";
import type { Database } from "@/db/client";
import { currentPermVersion, PERM_CHANNEL } from "@/db/queries/perm-version";
import { loadPolicySnapshot, loadUserAssignments } from "@/db/queries/snapshot";
import { DecisionState, type DecisionStateOptions } from "./decision-state";
import type { CompiledTenant } from "./engine";

/**
 * The process's decision state (decision-state.ts) on the database: the tenant's policy is read in
 * one read-only repeatable-read transaction (its queries agree with its perm_version), a batch of
 * users in one statement; changes arrive by LISTEN on `gatehouse_perm`, and a lost LISTEN
 * connection flushes everything. Capacity and safety net from the environment:
 * `PERM_CACHE_USERS` (default 50,000 users across tenants), `PERM_CACHE_TTL_MS` (default 5,000),
 * `PERM_CACHE_NOTIFY_WAIT_MS` (default 20: how long a `min_perm_version` not heard yet waits for its NOTIFY),
 * `PERM_CACHE_REFRESH_AHEAD` (default 1,000: how many of the held users a change names are read
 * again at once; 0: none).
 */
export class PermissionCache {
  readonly state: DecisionState;
  private listening: Promise<void> | null = null;
  private listened = false;

  constructor(
    private readonly database: Database,
    options: Partial<DecisionStateOptions> = {},
  ) {
    const db = database.db;
    this.state = new DecisionState(
      {
        loadPolicy: (tenantId) =>
          db.transaction((tx) => loadPolicySnapshot(tx, tenantId), {
            isolationLevel: "repeatable read",
            accessMode: "read only",
          }),
        loadUsers: (tenantId, userIds) => loadUserAssignments(db, tenantId, userIds),
        currentVersion: (tenantId) => currentPermVersion(db, tenantId),
      },
      {
        maxUsers: Number(process.env.PERM_CACHE_USERS ?? 50_000),
        ttlMs: Number(process.env.PERM_CACHE_TTL_MS ?? 5000),
        notifyWaitMs: Number(process.env.PERM_CACHE_NOTIFY_WAIT_MS ?? 20),
        refreshAhead: Number(process.env.PERM_CACHE_REFRESH_AHEAD ?? 1000),
        ...options,
      },
    );
  }

  /** Starts listening for changes (idempotent). */
  listen(): Promise<void> {
    this.listening ??= this.database
      .listen(
        PERM_CHANNEL,
        (payload) => this.heard(payload),
        () => this.state.flush(),
      )
      .then(() => {
        this.listened = true;
      })
      .catch((error: unknown) => {
        this.listening = null;
        throw error;
      });
    return this.listening;
  }

  onNotify(payload: string): void {
    this.state.onNotify(payload);
  }

  /**
   * A message on the change channel: a change (DecisionState.onNotify), or a warm-up request
   * (`gatehouse cache warm`: `{"warm": {tenant_id, user_ids}}`) — that tenant's policy compiled
   * and those users loaded now, before their first question. A warm-up changes no decision.
   */
  private heard(payload: string): void {
    if (payload.startsWith('{"warm"')) {
      void this.warm(payload).catch((error: unknown) => console.error("permission cache: warm-up failed", error));
      return;
    }
    this.state.onNotify(payload);
  }

  private async warm(payload: string) {
    const { warm } = JSON.parse(payload) as { warm?: { tenant_id?: unknown; user_ids?: unknown } };
    if (typeof warm?.tenant_id !== "string") return;
    const ids = Array.isArray(warm.user_ids) ? warm.user_ids.filter((id): id is string => typeof id === "string") : [];
    await this.state.decisions(warm.tenant_id, ids, 0);
    this.warmed++;
  }

  /** Warm-up requests this instance has carried out. */
  warmed = 0;

  flush(): void {
    this.state.flush();
  }

  get stats() {
    return this.state.stats;
  }

  /**
   * The tenant's compiled policy with these users loaded, at least as fresh as `minVersion`;
   * null: no such tenant. Listening starts before the first read, so no change is missed.
   */
  async decisions(tenantId: string, userIds: readonly string[], minVersion = 0): Promise<CompiledTenant | null> {
    if (!this.listened) await this.listen().catch(() => undefined);
    return this.state.decisions(tenantId, userIds, minVersion);
  }

  /** `decisions` when memory alone answers it (DecisionState.held), once listening; else undefined. */
  held(tenantId: string, userIds: readonly string[], minVersion = 0): CompiledTenant | undefined {
    return this.listened ? this.state.held(tenantId, userIds, minVersion) : undefined;
  }
}
