import "server-only";
import { getDatabase } from "@/db";
import type { Database } from "@/db/client";
import { currentPermVersion, PERM_CHANNEL } from "@/db/queries/perm-version";
import { singletonAsync } from "@/lib/singleton";

export interface PermChange {
  tenantId: string;
  permVersion: number;
  /**
   * What the change touched, as its NOTIFY said (db/queries/perm-version.ts): the policy, some
   * users or every user ("all"). Absent on a version re-read after a resync: what changed is unknown.
   */
  policy?: boolean;
  users?: readonly string[] | "all";
}
type Listener = (change: PermChange) => void;

/** Changes remembered per tenant for `?from=` resumes (sync stream), and tenants remembered. */
const HISTORY_CHANGES = 512;
const HISTORY_TENANTS = 10_000;

/**
 * A tenant's recent changes, every version from `base + 1` on, in order: a stream that resumes
 * from a version at or after `base` can be told exactly what it missed.
 */
export interface ChangeHistory {
  base: number;
  changes: PermChange[];
}

/**
 * One process-wide fan-out of `gatehouse_perm` NOTIFYs to the open streams: a single LISTEN (on
 * PostgreSQL, postgres.js's one dedicated listen connection, shared with the permission cache;
 * on PGlite, in-process), however many browsers are subscribed. Listeners are kept per tenant, so
 * a stream only ever hears its own tenant's versions.
 *
 * A NOTIFY that names no tenant (a global catalog change bumps every tenant) and a LISTEN
 * connection that was lost and re-established (notifications may have been missed) both make the
 * hub re-read the current version of every tenant that has listeners.
 */
export class PermHub {
  private byTenant = new Map<string, Set<Listener>>();
  private history = new Map<string, ChangeHistory>();
  private started: Promise<void> | null = null;
  private listening = false;
  readonly stats = { notifications: 0, resyncs: 0, delivered: 0 };

  constructor(private readonly database: Pick<Database, "db" | "listen">) {}

  private start(): Promise<void> {
    this.started ??= this.database
      .listen(
        PERM_CHANNEL,
        (payload) => this.onNotify(payload),
        () => void this.resync(),
      )
      .then(() => {
        this.listening = true;
      })
      .catch((error: unknown) => {
        this.started = null;
        throw error;
      });
    return this.started;
  }

  /** Subscribes to a tenant's versions; resolves once LISTEN is in place. Returns the unsubscribe. */
  async subscribe(tenantId: string, listener: Listener): Promise<() => void> {
    await this.start();
    let set = this.byTenant.get(tenantId);
    if (!set) this.byTenant.set(tenantId, (set = new Set()));
    set.add(listener);
    return () => {
      const current = this.byTenant.get(tenantId);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.byTenant.delete(tenantId);
    };
  }

  /** Open subscriptions: total and per tenant count. */
  size(): { tenants: number; listeners: number } {
    let listeners = 0;
    for (const set of this.byTenant.values()) listeners += set.size;
    return { tenants: this.byTenant.size, listeners };
  }

  onNotify(payload: string) {
    this.stats.notifications++;
    let msg: { tenant_id?: unknown; perm_version?: unknown; all?: unknown; policy?: unknown; users?: unknown };
    try {
      msg = JSON.parse(payload);
    } catch {
      return void this.resync();
    }
    if (msg.all || typeof msg.tenant_id !== "string" || typeof msg.perm_version !== "number") return void this.resync();
    const change: PermChange = { tenantId: msg.tenant_id, permVersion: msg.perm_version };
    if (msg.policy === true) change.policy = true;
    if (msg.users === "all" || Array.isArray(msg.users))
      change.users = msg.users === "all" ? "all" : msg.users.filter((u): u is string => typeof u === "string");
    this.remember(change);
    this.deliver(change);
  }

  /**
   * What this process has heard of a tenant's changes, when it can say (else null): every change
   * after `base` is in `changes`, because LISTEN was in place before `base` was known.
   */
  historyOf(tenantId: string): ChangeHistory | null {
    return this.history.get(tenantId) ?? null;
  }

  /**
   * Sets a tenant's history base from a version read after LISTEN was in place (a stream opening),
   * when nothing is known of it yet.
   */
  baseline(tenantId: string, version: number): void {
    if (!this.listening || this.history.has(tenantId)) return;
    this.trimTenants();
    this.history.set(tenantId, { base: version, changes: [] });
  }

  /** Changes arrive in commit order; a gap (never expected) starts the history afresh. */
  private remember(change: PermChange) {
    if (!this.listening) return;
    const h = this.history.get(change.tenantId);
    const last = h ? h.base + h.changes.length : -1;
    if (h && change.permVersion <= last) return;
    if (!h || change.permVersion !== last + 1) {
      this.trimTenants();
      this.history.set(change.tenantId, { base: change.permVersion - 1, changes: [change] });
      return;
    }
    h.changes.push(change);
    if (h.changes.length > HISTORY_CHANGES) {
      h.changes.shift();
      h.base++;
    }
  }

  private trimTenants() {
    // The oldest tenant heard of goes first (a Map keeps insertion order).
    if (this.history.size < HISTORY_TENANTS) return;
    const oldest = this.history.keys().next().value;
    if (oldest !== undefined) this.history.delete(oldest);
  }

  /** Re-reads and delivers the current version of every tenant someone listens to. */
  async resync() {
    this.stats.resyncs++;
    // Changes may have been missed, or named no tenant: what was remembered has holes now.
    this.history.clear();
    await Promise.all(
      [...this.byTenant.keys()].map(async (tenantId) => {
        try {
          const v = await currentPermVersion(this.database.db, tenantId);
          if (v !== null) this.deliver({ tenantId, permVersion: v });
        } catch (error) {
          console.error("live: re-reading perm_version failed", error);
        }
      }),
    );
  }

  private deliver(change: PermChange) {
    const set = this.byTenant.get(change.tenantId);
    if (!set) return;
    for (const listener of [...set]) {
      this.stats.delivered++;
      try {
        listener(change);
      } catch (error) {
        console.error("live: a stream listener failed", error);
      }
    }
  }
}

/** The process's hub. */
export function permHub(): Promise<PermHub> {
  return singletonAsync("live-hub", async () => new PermHub(await getDatabase()));
}
