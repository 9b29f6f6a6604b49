import "server-only";
import type { Database } from "@/db/client";
import { currentPermVersion, PERM_CHANNEL } from "@/db/queries/perm-version";
import { loadTenantSnapshot } from "@/db/queries/snapshot";
import { type CompiledTenant, compileSnapshot } from "./engine";

export interface CacheStats {
  hits: number;
  misses: number;
  loads: number;
  invalidations: number;
  flushes: number;
}

interface Entry {
  compiled: CompiledTenant;
  version: number;
  checkedAt: number;
}

/**
 * Per-process cache of compiled tenant snapshots, keyed by tenant and perm_version.
 * - single-flight: one load at a time per tenant; concurrent callers share it;
 * - fill fence: a load that finishes older than a version already announced by NOTIFY is not
 *   stored (and not served: the caller loads again);
 * - invalidation: NOTIFY drops the tenant's entry on every process; a lost LISTEN connection
 *   flushes everything; a short TTL with a version check is the safety net.
 */
export class PermissionCache {
  private entries = new Map<string, Entry>();
  private inflight = new Map<string, Promise<Entry | null>>();
  /** Highest perm_version announced per tenant (NOTIFY or min_perm_version). */
  private announced = new Map<string, number>();
  private listening: Promise<void> | null = null;
  readonly stats: CacheStats = { hits: 0, misses: 0, loads: 0, invalidations: 0, flushes: 0 };

  constructor(
    private readonly database: Database,
    private readonly ttlMs = Number(process.env.PERM_CACHE_TTL_MS ?? 5000),
  ) {}

  /** Starts listening for changes (idempotent). */
  listen(): Promise<void> {
    this.listening ??= this.database
      .listen(
        PERM_CHANNEL,
        (payload) => this.onNotify(payload),
        () => this.flush(),
      )
      .then(() => undefined)
      .catch((error: unknown) => {
        this.listening = null;
        throw error;
      });
    return this.listening;
  }

  onNotify(payload: string) {
    let msg: { tenant_id?: string; perm_version?: number; all?: boolean };
    try {
      msg = JSON.parse(payload);
    } catch {
      return this.flush();
    }
    if (msg.all || !msg.tenant_id) return this.flush();
    this.stats.invalidations++;
    const v = msg.perm_version ?? Number.MAX_SAFE_INTEGER;
    this.announced.set(msg.tenant_id, Math.max(this.announced.get(msg.tenant_id) ?? 0, v));
    const entry = this.entries.get(msg.tenant_id);
    if (entry && entry.version < v) this.entries.delete(msg.tenant_id);
  }

  flush() {
    this.stats.flushes++;
    this.entries.clear();
    this.announced.clear();
  }

  /** The compiled tenant at least as fresh as `minVersion` (and as every announced version). */
  async get(tenantId: string, minVersion = 0): Promise<CompiledTenant | null> {
    await this.listen().catch(() => undefined);
    const floor = Math.max(minVersion, this.announced.get(tenantId) ?? 0);
    const entry = this.entries.get(tenantId);
    if (entry && entry.version >= floor) {
      if (Date.now() - entry.checkedAt < this.ttlMs) {
        this.stats.hits++;
        return entry.compiled;
      }
      const v = await currentPermVersion(this.database.db, tenantId);
      if (v === entry.version) {
        entry.checkedAt = Date.now();
        this.stats.hits++;
        return entry.compiled;
      }
      if (v === null) return null;
    }
    this.stats.misses++;
    let freshest: Entry | null = null;
    for (let attempt = 0; attempt < 5; attempt++) {
      const loaded = await this.load(tenantId);
      if (!loaded) return null;
      freshest = loaded;
      if (loaded.version >= Math.max(floor, this.announced.get(tenantId) ?? 0)) return loaded.compiled;
      // A load that began before the wanted commit is worth repeating; a database that has not
      // reached the version (a min_perm_version from the future) is not: its newest state answers,
      // and its `permVersion` tells the caller it is behind what they asked.
      const current = await currentPermVersion(this.database.db, tenantId);
      if (current === null) return null;
      if (current <= loaded.version) return loaded.compiled;
    }
    return (freshest as Entry).compiled;
  }

  private load(tenantId: string): Promise<Entry | null> {
    let p = this.inflight.get(tenantId);
    if (!p) {
      p = this.fill(tenantId).finally(() => this.inflight.delete(tenantId));
      this.inflight.set(tenantId, p);
    }
    return p;
  }

  private async fill(tenantId: string): Promise<Entry | null> {
    this.stats.loads++;
    // One transaction so every query of the snapshot sees the same state as its perm_version.
    const snapshot = await this.database.db.transaction((tx) => loadTenantSnapshot(tx, tenantId), {
      isolationLevel: "repeatable read",
      accessMode: "read only",
    });
    if (!snapshot) {
      this.entries.delete(tenantId);
      return null;
    }
    const entry: Entry = { compiled: compileSnapshot(snapshot), version: snapshot.permVersion, checkedAt: Date.now() };
    // Fill fence: never store state older than a version already announced.
    const current = this.entries.get(tenantId);
    if (entry.version >= (this.announced.get(tenantId) ?? 0) && (!current || current.version <= entry.version)) {
      this.entries.set(tenantId, entry);
    }
    return entry;
  }
}
