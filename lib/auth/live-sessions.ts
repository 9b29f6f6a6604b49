import "server-only";
import { getDatabase } from "@/db";
import type { Database } from "@/db/client";
import { findLiveSession, SESSION_CHANNEL, touchSession } from "@/db/queries/sessions";
import { singletonAsync } from "@/lib/singleton";

interface Entry {
  userId: string;
  expiresAt: number;
  /** When the database last said it was live (the TTL counts from here). */
  checkedAt: number;
  /** When this instance last wrote `last_seen_at`. */
  touchedAt: number;
}

export interface LiveSessionsOptions {
  /**
   * How long a "live" answer is trusted without a NOTIFY. 0 (the default): never, every request
   * reads its row (one primary-key lookup). NOTIFY reaches other instances asynchronously, so any
   * TTL above 0 lets a revoked cookie through on another instance until the NOTIFY is processed.
   */
  ttlMs?: number;
  /** `last_seen_at` is written at most this often per session and instance. */
  touchEveryMs?: number;
  maxEntries?: number;
  now?: () => number;
}

/**
 * Which sessions are live, asked on every authenticated request (pages, API routes, the event
 * stream): a per-process cache of live session ids, so a request costs no query. Ending a session
 * NOTIFYs `gatehouse_sessions` in the revoking transaction; every instance drops the ids it hears,
 * so the next request anywhere reads the row again and is refused. A LISTEN that was lost and
 * re-established flushes everything (notifications may have been missed), and each answer is
 * trusted for a short TTL only. Until LISTEN is in place nothing is cached.
 */
export class LiveSessions {
  private entries = new Map<string, Entry>();
  /** Bumped by every NOTIFY and flush: a read that began before one is not cached (it may be stale). */
  private generation = 0;
  private listening = false;
  private started: Promise<void> | null = null;
  private readonly ttlMs: number;
  private readonly touchEveryMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  readonly stats = { hits: 0, misses: 0, notifications: 0, flushes: 0 };

  constructor(
    private readonly database: Pick<Database, "db" | "listen">,
    options: LiveSessionsOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? Number(process.env.SESSION_CACHE_TTL_MS || 0);
    this.touchEveryMs = options.touchEveryMs ?? 5 * 60_000;
    this.maxEntries = options.maxEntries ?? 50_000;
    this.now = options.now ?? Date.now;
  }

  /** Starts listening; resolves once LISTEN is in place (a failure leaves the cache off, and is retried). */
  start(): Promise<void> {
    this.started ??= this.database
      .listen(
        SESSION_CHANNEL,
        (payload) => this.onNotify(payload),
        () => this.flush(),
      )
      .then(() => {
        this.listening = true;
      })
      .catch((error: unknown) => {
        this.started = null;
        console.error("sessions: LISTEN failed; every request reads its session", error);
      });
    return this.started;
  }

  /** Whether session `id` of `userId` is live now: not revoked, not expired, the user's. */
  async isLive(id: string, userId: string): Promise<boolean> {
    await this.start();
    const now = this.now();
    const hit = this.entries.get(id);
    if (hit && hit.userId === userId && now - hit.checkedAt < this.ttlMs && now < hit.expiresAt) {
      this.stats.hits++;
      this.touch(id, hit, now);
      return true;
    }
    this.stats.misses++;
    const generation = this.generation;
    const row = await findLiveSession(this.database.db, id, userId);
    if (!row) {
      this.entries.delete(id);
      return false;
    }
    if (this.listening && generation === this.generation) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      const entry = { userId, expiresAt: row.expiresAt.getTime(), checkedAt: now, touchedAt: row.lastSeenAt.getTime() };
      this.entries.set(id, entry);
      this.touch(id, entry, now);
    } else {
      this.touch(id, { userId, expiresAt: 0, checkedAt: now, touchedAt: row.lastSeenAt.getTime() }, now);
    }
    return true;
  }

  /** Drops ended sessions at once (the writing instance does not wait for its own NOTIFY). */
  forget(ids: readonly string[]) {
    this.generation++;
    for (const id of ids) this.entries.delete(id);
  }

  flush() {
    this.stats.flushes++;
    this.generation++;
    this.entries.clear();
  }

  onNotify(payload: string) {
    this.stats.notifications++;
    let msg: { ids?: unknown; user_id?: unknown };
    try {
      msg = JSON.parse(payload);
    } catch {
      return this.flush();
    }
    if (Array.isArray(msg.ids)) return this.forget(msg.ids.filter((id): id is string => typeof id === "string"));
    if (typeof msg.user_id !== "string") return this.flush();
    this.generation++;
    for (const [id, entry] of this.entries) if (entry.userId === msg.user_id) this.entries.delete(id);
  }

  size() {
    return this.entries.size;
  }

  private touch(id: string, entry: Entry, now: number) {
    if (now - entry.touchedAt < this.touchEveryMs) return;
    entry.touchedAt = now;
    touchSession(this.database.db, id, Math.floor(this.touchEveryMs / 1000)).catch((error: unknown) =>
      console.error("sessions: recording a visit failed", error),
    );
  }
}

/** The process's cache of live sessions. */
export function liveSessions(): Promise<LiveSessions> {
  return singletonAsync("live-sessions", async () => new LiveSessions(await getDatabase()));
}
