import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { getDatabase } from "@/db";
import type { Database } from "@/db/client";
import { API_KEY_CHANNEL, type ApiKeyRow, findApiKeyByPrefix, touchApiKeys } from "@/db/queries/api-keys";
import { andThen, type MaybePromise } from "@/lib/maybe-promise";
import { singletonAsync, singletonNow } from "@/lib/singleton";
import type { ApiKeyScope } from "@/lib/validation/api-keys";
import type { ApiKeyPrincipal } from "./principal";

export type { ApiKeyPrincipal, ApiKeyScope };

/**
 * Keys look like `gh_<12 hex prefix>_<43 char secret>`. The prefix is stored and shown and finds the
 * key; the secret is 256 random bits, stored only as its SHA-256 (a slow hash adds nothing to a
 * secret of that entropy) and compared in constant time.
 */
export function generateApiKey(): { key: string; prefix: string; secretHash: string } {
  const prefix = `gh_${randomBytes(6).toString("hex")}`;
  const secret = randomBytes(32).toString("base64url");
  return { key: `${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function parseApiKey(key: string): { prefix: string; secret: string } | null {
  const m = /^(gh_[0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(key);
  return m ? { prefix: m[1]!, secret: m[2]! } : null;
}

export interface ApiKeyCacheOptions {
  /** How long a cached key is trusted before it is read again: the safety net behind the NOTIFY. */
  ttlMs?: number;
  /** Keys kept; beyond that the one read from the database longest ago is dropped. */
  maxKeys?: number;
  /** Unknown prefixes remembered (a client stuck on a deleted key), and for how long. */
  maxUnknown?: number;
  unknownTtlMs?: number;
}

export interface ApiKeyCacheStats {
  hits: number;
  misses: number;
  invalidations: number;
  flushes: number;
}

interface Entry {
  row: ApiKeyRow;
  hash: Buffer;
  principal: ApiKeyPrincipal;
  at: number;
}

const NO_HASH = Buffer.alloc(32);

/**
 * Verifies API keys from a per-process cache, so a check with a key needs no database round trip.
 * - Revocation reaches every instance at its commit: a trigger on api_keys sends NOTIFY
 *   gatehouse_api_keys with the prefix from the changing transaction, and every instance drops
 *   that key when the NOTIFY arrives (the revoking request waits until its own instance has heard
 *   it: `announced`). A lost LISTEN connection flushes everything; until LISTEN is up, nothing is
 *   cached (each request reads the key, as before). A cached key is read again after `ttlMs`.
 * - Fill fence: a read that was under way when a change was announced is not stored.
 * - Bounded: at most `maxKeys` keys (only keys that exist get in) and `maxUnknown` unknown
 *   prefixes for a few seconds, so a flood of random keys costs lookups, never memory.
 * - The secret's SHA-256 is compared in constant time on every request, cached key or not.
 * - last_used_at is kept in memory and written at most every 30 s, never a write per request.
 */
export class ApiKeyVerifier {
  private keys = new Map<string, Entry>();
  private unknown = new Map<string, number>();
  /** One read per prefix at a time; `stale` is the fill fence (a change was announced meanwhile). */
  private inflight = new Map<string, { read: Promise<Entry | null>; stale: boolean }>();
  private live = false;
  private listening: Promise<void> | null = null;
  private used = new Map<string, number>();
  /** Who waits for an announcement of a prefix (`announced`). */
  private waiters = new Map<string, Set<() => void>>();
  private timer: NodeJS.Timeout | null = null;
  private readonly ttlMs: number;
  private readonly maxKeys: number;
  private readonly maxUnknown: number;
  private readonly unknownTtlMs: number;
  readonly stats: ApiKeyCacheStats = { hits: 0, misses: 0, invalidations: 0, flushes: 0 };

  constructor(
    private readonly database: Database,
    options: ApiKeyCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxKeys = options.maxKeys ?? 10_000;
    this.maxUnknown = options.maxUnknown ?? 1_000;
    this.unknownTtlMs = options.unknownTtlMs ?? 5_000;
  }

  /** Starts listening for key changes (idempotent); the cache is used only once this holds. */
  listen(): Promise<void> {
    this.listening ??= this.database
      .listen(
        API_KEY_CHANNEL,
        (prefix) => this.drop(prefix),
        () => this.flush(),
      )
      .then(() => {
        this.live = true;
      })
      .catch((error: unknown) => {
        this.listening = null;
        throw error;
      });
    return this.listening;
  }

  /**
   * Resolves when a change to this prefix has been announced to this instance (or the cache was
   * flushed), or after `timeoutMs`. The revoking request waits on it after its commit: PostgreSQL
   * signals every listening connection at the same commit, so by the time the revoker hears its
   * own NOTIFY, the other instances have theirs on the wire too (e2e/api-keys-instances.spec.ts).
   * Register before the commit, or the announcement may come first.
   */
  announced(prefix: string, timeoutMs = 1_000): { done: Promise<void>; cancel: () => void } {
    let finish = () => {};
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(() => finish(), timeoutMs);
      timer.unref();
      finish = () => {
        clearTimeout(timer);
        this.waiters.get(prefix)?.delete(finish);
        if (this.waiters.get(prefix)?.size === 0) this.waiters.delete(prefix);
        resolve();
      };
    });
    if (!this.live) finish();
    else {
      const set = this.waiters.get(prefix) ?? new Set();
      set.add(finish);
      this.waiters.set(prefix, set);
    }
    return { done, cancel: finish };
  }

  private wake(prefix: string | null) {
    const sets = prefix === null ? [...this.waiters.values()] : [this.waiters.get(prefix) ?? new Set()];
    for (const set of sets) for (const finish of [...set]) finish();
  }

  /** A change to the key with this prefix was announced. */
  drop(prefix: string) {
    this.wake(prefix);
    this.stats.invalidations++;
    this.keys.delete(prefix);
    this.unknown.delete(prefix);
    const load = this.inflight.get(prefix);
    if (load) load.stale = true;
    this.inflight.delete(prefix);
  }

  /** How many keys and unknown prefixes are held (for tests and metrics). */
  size(): { keys: number; unknown: number } {
    return { keys: this.keys.size, unknown: this.unknown.size };
  }

  flush() {
    this.wake(null);
    this.stats.flushes++;
    this.keys.clear();
    this.unknown.clear();
    for (const load of this.inflight.values()) load.stale = true;
    this.inflight.clear();
  }

  /** The key's principal, or null for a malformed, unknown, wrong, revoked or expired key (all alike). */
  verify(key: string): MaybePromise<ApiKeyPrincipal | null> {
    const parsed = parseApiKey(key);
    if (!parsed) return null;
    // A key held in memory is answered without a promise (lib/maybe-promise.ts).
    return andThen(this.find(parsed.prefix), (entry) => {
      const match = timingSafeEqual(entry?.hash ?? NO_HASH, createHash("sha256").update(parsed.secret).digest());
      // Expiry is read from the cached row at each use: no announcement is needed when it passes.
      if (
        !entry ||
        !match ||
        entry.row.revokedAt ||
        (entry.row.expiresAt && entry.row.expiresAt.getTime() <= Date.now())
      )
        return null;
      this.markUsed(entry.row.id);
      return entry.principal;
    });
  }

  private find(prefix: string): Promise<Entry | null> | Entry | null {
    const now = Date.now();
    const hit = this.keys.get(prefix);
    if (hit && now - hit.at < this.ttlMs) {
      this.stats.hits++;
      return hit;
    }
    const unknownAt = this.unknown.get(prefix);
    if (unknownAt !== undefined && now - unknownAt < this.unknownTtlMs) {
      this.stats.hits++;
      return null;
    }
    this.stats.misses++;
    // One read per prefix at a time: concurrent requests with the same key share it.
    const pending = this.inflight.get(prefix);
    if (pending) return pending.read;
    const load = { read: Promise.resolve<Entry | null>(null), stale: false };
    load.read = this.load(prefix, load).finally(() => {
      if (this.inflight.get(prefix) === load) this.inflight.delete(prefix);
    });
    this.inflight.set(prefix, load);
    return load.read;
  }

  private async load(prefix: string, load: { stale: boolean }): Promise<Entry | null> {
    if (!this.live) await this.listen().catch(() => undefined);
    const row = await findApiKeyByPrefix(this.database.db, prefix);
    const entry: Entry | null = row && {
      row,
      hash: Buffer.from(row.secretHash, "hex"),
      principal: {
        id: row.id,
        tenantId: row.tenantId,
        name: row.name,
        scopes: row.scopes as ApiKeyScope[],
        createdBy: row.createdBy,
      },
      at: Date.now(),
    };
    // Fill fence: what was read may predate a change announced meanwhile; the next request reads again.
    if (this.live && !load.stale) {
      if (entry) remember(this.keys, prefix, entry, this.maxKeys);
      else remember(this.unknown, prefix, Date.now(), this.maxUnknown);
    }
    return entry;
  }

  private markUsed(id: string) {
    this.used.set(id, Date.now());
    this.timer ??= setTimeout(() => {
      this.timer = null;
      const batch = new Map([...this.used].map(([key, at]) => [key, new Date(at)]));
      this.used.clear();
      void touchApiKeys(this.database.db, batch).catch((error: unknown) =>
        console.error("api keys: last_used_at flush failed", error),
      );
    }, 30_000).unref();
  }
}

/** Stores at the end of the map's order and drops the oldest beyond `max`. */
function remember<V>(map: Map<string, V>, key: string, value: V, max: number) {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as string);
}

/** The process's key verifier: one per process, with one LISTEN (lib/singleton.ts). */
export function apiKeyVerifier(): Promise<ApiKeyVerifier> {
  return singletonAsync("api-keys", () => getDatabase().then((database) => new ApiKeyVerifier(database)));
}

/** The key's principal, or null for a malformed, unknown, wrong or revoked key (all alike); from memory when it can. */
export function verifyApiKey(key: string): MaybePromise<ApiKeyPrincipal | null> {
  return andThen(singletonNow<ApiKeyVerifier>("api-keys") ?? apiKeyVerifier(), (verifier) => verifier.verify(key));
}
