import "server-only";
import { createHash } from "node:crypto";
import {
  type RateLimiterAbstract,
  RateLimiterDrizzle,
  RateLimiterMemory,
  RateLimiterRes,
  RLWrapperTimeouts,
} from "rate-limiter-flexible";
import { getDatabase } from "@/db";
import type { Database } from "@/db/client";
import { rateLimits as rateLimitTable } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import { andThen, type MaybePromise } from "@/lib/maybe-promise";
import { singletonAsync, singletonNow } from "@/lib/singleton";

type Env = Record<string, string | undefined>;

export interface RateLimitSettings {
  /** Check requests (single or bulk) per minute per API key or user. */
  checkPerMinute: number;
  /**
   * Check points an instance leases from the shared store at a time (LeasedBudgets). The limit
   * holds exactly per instance; across instances a subject may be refused up to `checkBatch - 1`
   * points early per other instance it used in the window, and is never let past the limit.
   */
  checkBatch: number;
  /** Failed sign-in attempts per 15 minutes per email, and per client IP. */
  signInPerEmail: number;
  signInPerIp: number;
}

export function settingsFromEnv(env: Env = process.env): RateLimitSettings {
  const checkPerMinute = positive(env, "RATE_LIMIT_CHECK_PER_MINUTE", 6000);
  // 1% of the limit by default (60 of 6,000): one store round trip per 60 checks of a key.
  const batch = positive(env, "RATE_LIMIT_CHECK_BATCH", Math.min(1000, Math.max(1, Math.floor(checkPerMinute / 100))));
  return {
    checkPerMinute,
    checkBatch: Math.min(batch, checkPerMinute),
    signInPerEmail: positive(env, "RATE_LIMIT_SIGNIN_PER_15_MIN", 10),
    signInPerIp: positive(env, "RATE_LIMIT_SIGNIN_IP_PER_15_MIN", 50),
  };
}

function positive(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  // A typo must not silently become "no limit" or the default: say so where it is used.
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, not "${raw}".`);
  return n;
}

export type Verdict = { allowed: true } | { allowed: false; retryAfter: number };
export type SignInOutcome<T> = { limited: false; result: T } | { limited: true; retryAfter: number };

export interface RateLimits {
  /** Counts one check request of `key:<api key id>` or `user:<user id>`. */
  check(subject: string): MaybePromise<Verdict>;
  /**
   * Runs `attempt` only when neither the email's nor the IP's budget is spent (so a refused
   * attempt never verifies a password). Every attempt is counted before it runs, which holds
   * under concurrency; a successful one is given back, so only failures add up.
   */
  signIn<T>(
    who: { email: string; ip: string | null },
    attempt: () => Promise<T>,
    succeeded: (result: T) => boolean,
  ): Promise<SignInOutcome<T>>;
}

/** What the store said to a request for `points`: how many fell within the limit, and the window's rest. */
interface Grant {
  granted: number;
  /** The limit was reached: nothing more until the window ends. */
  spent: boolean;
  msBeforeNext: number;
}

interface Guarded {
  /** null: the store failed (an error, or no answer in time). */
  take(key: string, points: number): Promise<Grant | null>;
  consume(key: string): Promise<Verdict>;
  giveBack(key: string): Promise<void>;
}

const retryAfter = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Fails OPEN: the limiter protects capacity, it decides nothing about permissions, and an outage
 * of its store (an error, or no answer within `timeoutMs`) must not become an outage of the check
 * API, which can still answer from cached snapshots. The warning is logged at most once a minute.
 */
function guarded(name: string, limiter: RateLimiterAbstract, timeoutMs: number | null): Guarded {
  const store = timeoutMs === null ? limiter : new RLWrapperTimeouts({ limiter, timeoutMs });
  let warnedAt = 0;
  const warn = (error: unknown) => {
    if (Date.now() - warnedAt < 60_000) return;
    warnedAt = Date.now();
    console.warn(`rate limit ${name}: the store failed, requests pass unlimited meanwhile`, error);
  };
  const take = async (key: string, points: number): Promise<Grant | null> => {
    try {
      const res = await store.consume(key, points);
      return { granted: points, spent: false, msBeforeNext: res.msBeforeNext };
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) {
        warn(error);
        return null;
      }
      // The store counts every point asked for, atomically: those that fell within the limit
      // are this caller's, the rest were refused. So no two callers ever share a point.
      const before = error.consumedPoints - points;
      return {
        granted: Math.max(0, Math.min(points, limiter.points - before)),
        spent: true,
        msBeforeNext: error.msBeforeNext,
      };
    }
  };
  return {
    take,
    async consume(key) {
      const grant = await take(key, 1);
      if (grant === null || grant.granted > 0) return allowed;
      return { allowed: false, retryAfter: retryAfter(grant.msBeforeNext) };
    },
    async giveBack(key) {
      await store.reward(key).catch(warn);
    },
  };
}

interface Budget {
  left: number;
  /** When the store's window ends (ms since the epoch): the leased points lapse with it. */
  until: number;
  /** The store refused more: once `left` is used, refuse until `until`. */
  spent: boolean;
}

/** While the store fails, each subject passes unlimited and the store is asked again after this. */
const FAIL_OPEN_MS = 1_000;
const SWEEP_AT = 10_000;

/**
 * Check budgets leased from the shared store in batches, so a check costs no store round trip
 * but once per `batch` checks of a subject (and none while the subject is refused).
 *
 * The store hands out points atomically, so the instances of one database never admit more than
 * the limit together in a window. A subject that uses several instances may be refused up to
 * `batch - 1` points early per other instance (points leased there and not used before the
 * window ends). One instance is exact.
 */
class LeasedBudgets {
  private budgets = new Map<string, Budget>();
  private leasing = new Map<string, Promise<void>>();

  constructor(
    private readonly store: Guarded,
    private readonly batch: number,
  ) {}

  /** From the budget in memory when it has points left (or is spent); a lease is the only wait. */
  check(subject: string): MaybePromise<Verdict> {
    return this.fromBudget(subject) ?? this.leased(subject);
  }

  private fromBudget(subject: string): Verdict | null {
    const now = Date.now();
    const budget = this.budgets.get(subject);
    if (!budget || now >= budget.until) return null;
    if (budget.left > 0) {
      budget.left--;
      return allowed;
    }
    return budget.spent ? { allowed: false, retryAfter: retryAfter(budget.until - now) } : null;
  }

  private async leased(subject: string): Promise<Verdict> {
    for (;;) {
      await this.lease(subject);
      const verdict = this.fromBudget(subject);
      if (verdict) return verdict;
    }
  }

  /** One lease at a time per subject: concurrent checks wait for it and share what it brings. */
  private lease(subject: string): Promise<void> {
    let leasing = this.leasing.get(subject);
    if (!leasing) {
      leasing = this.fetch(subject).finally(() => this.leasing.delete(subject));
      this.leasing.set(subject, leasing);
    }
    return leasing;
  }

  private async fetch(subject: string) {
    const grant = await this.store.take(subject, this.batch);
    const now = Date.now();
    if (this.budgets.size >= SWEEP_AT)
      for (const [key, budget] of this.budgets) if (budget.until <= now) this.budgets.delete(key);
    this.budgets.set(
      subject,
      grant === null
        ? { left: Number.POSITIVE_INFINITY, until: now + FAIL_OPEN_MS, spent: false }
        : { left: grant.granted, until: now + Math.max(1, grant.msBeforeNext), spent: grant.spent },
    );
  }
}

export interface RateLimitOptions {
  /** memory: per process (PGlite, one process); database: the rate_limits table, shared by instances. */
  store?: "memory" | "database";
  timeoutMs?: number;
}

export function createRateLimits(
  database: Pick<Database, "db" | "driver">,
  settings: RateLimitSettings,
  options: RateLimitOptions = {},
): RateLimits {
  const store = options.store ?? (database.driver === "postgres" ? "database" : "memory");
  const make = (keyPrefix: string, points: number, duration: number) =>
    guarded(
      keyPrefix,
      store === "memory"
        ? new RateLimiterMemory({ keyPrefix, points, duration })
        : new RateLimiterDrizzle({
            storeClient: database.db,
            schema: rateLimitTable,
            keyPrefix,
            points,
            duration,
          }),
      // Generous enough for a cold start (first query, JIT) under load; a hung store still fails open.
      store === "memory" ? null : (options.timeoutMs ?? 1500),
    );
  // Leased in batches (LeasedBudgets); a key over its budget is then refused from memory until
  // its window ends, so a flood does not become a flood of writes to the database.
  const checks = new LeasedBudgets(make("check", settings.checkPerMinute, 60), settings.checkBatch);
  const byEmail = make("signin_email", settings.signInPerEmail, 15 * 60);
  const byIp = make("signin_ip", settings.signInPerIp, 15 * 60);
  return {
    check: (subject) => checks.check(subject),
    async signIn(who, attempt, succeeded) {
      const keys = { email: digest(who.email.toLowerCase()), ip: who.ip === null ? null : digest(who.ip) };
      const verdicts = await Promise.all([
        byEmail.consume(keys.email),
        keys.ip === null ? allowed : byIp.consume(keys.ip),
      ]);
      const waits = verdicts.flatMap((v) => (v.allowed ? [] : [v.retryAfter]));
      if (waits.length > 0) return { limited: true, retryAfter: Math.max(...waits) };
      const result = await attempt();
      if (succeeded(result))
        await Promise.all([byEmail.giveBack(keys.email), keys.ip === null ? undefined : byIp.giveBack(keys.ip)]);
      return { limited: false, result };
    },
  };
}

const allowed: Verdict = { allowed: true };

/** Emails and IPs are personal data: the store keeps only a digest of them. */
function digest(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}

/** The process's limiters. */
export function rateLimits(): Promise<RateLimits> {
  return singletonAsync("rate-limits", async () => createRateLimits(await getDatabase(), settingsFromEnv()));
}

/** The route wrapper's hook: one request of a route whose spec says `rateLimit: "check"`. */
export function enforceRateLimit(kind: "check", principal: Principal): MaybePromise<void> {
  const subject = principal.kind === "api_key" ? `key:${principal.apiKey.id}` : `user:${principal.userId}`;
  const limits = singletonNow<RateLimits>("rate-limits") ?? rateLimits();
  return andThen(
    andThen(limits, (l) => l[kind](subject)),
    (verdict) => {
      if (!verdict.allowed) throw ApiError.tooMany(verdict.retryAfter);
    },
  );
}
