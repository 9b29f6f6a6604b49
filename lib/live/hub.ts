import "server-only";
import { getDatabase } from "@/db";
import type { Database } from "@/db/client";
import { currentPermVersion, PERM_CHANNEL } from "@/db/queries/perm-version";
import { singletonAsync } from "@/lib/singleton";

export interface PermChange {
  tenantId: string;
  permVersion: number;
}
type Listener = (change: PermChange) => void;

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
  private started: Promise<void> | null = null;
  readonly stats = { notifications: 0, resyncs: 0, delivered: 0 };

  constructor(private readonly database: Pick<Database, "db" | "listen">) {}

  private start(): Promise<void> {
    this.started ??= this.database
      .listen(
        PERM_CHANNEL,
        (payload) => this.onNotify(payload),
        () => void this.resync(),
      )
      .then(() => undefined)
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
    let msg: { tenant_id?: unknown; perm_version?: unknown; all?: unknown };
    try {
      msg = JSON.parse(payload);
    } catch {
      return void this.resync();
    }
    if (msg.all || typeof msg.tenant_id !== "string" || typeof msg.perm_version !== "number") return void this.resync();
    this.deliver({ tenantId: msg.tenant_id, permVersion: msg.perm_version });
  }

  /** Re-reads and delivers the current version of every tenant someone listens to. */
  async resync() {
    this.stats.resyncs++;
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
