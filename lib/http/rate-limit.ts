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
import { singletonAsync } from "@/lib/singleton";

/** The one client-IP rule (last X-Forwarded-For hop), shared with the audit log. */

type Env = Record<string, string | undefined>;

export interface RateLimitSettings {
  /** Check requests (single or bulk) per minute per API key or user. */
  checkPerMinute: number;
  /** Failed sign-in attempts per 15 minutes per email, and per client IP. */
  signInPerEmail: number;
  signInPerIp: number;
}

export function settingsFromEnv(env: Env = process.env): RateLimitSettings {
  return {
    checkPerMinute: positive(env, "RATE_LIMIT_CHECK_PER_MINUTE", 6000),
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
  check(subject: string): Promise<Verdict>;
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

interface Guarded {
  consume(key: string): Promise<Verdict>;
  giveBack(key: string): Promise<void>;
}

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
  return {
    async consume(key) {
      try {
        await store.consume(key);
        return { allowed: true };
      } catch (error) {
        if (error instanceof RateLimiterRes)
          return { allowed: false, retryAfter: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
        warn(error);
        return { allowed: true };
      }
    },
    async giveBack(key) {
      await store.reward(key).catch(warn);
    },
  };
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
  const make = (keyPrefix: string, points: number, duration: number, inMemoryBlockOnConsumed?: number) =>
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
            inMemoryBlockOnConsumed,
          }),
      // Generous enough for a cold start (first query, JIT) under load; a hung store still fails open.
      store === "memory" ? null : (options.timeoutMs ?? 1500),
    );
  // A key over its check budget is then refused from memory until its window ends, so a flood
  // does not become a flood of writes to the database.
  const checks = make("check", settings.checkPerMinute, 60, settings.checkPerMinute + 1);
  const byEmail = make("signin_email", settings.signInPerEmail, 15 * 60);
  const byIp = make("signin_ip", settings.signInPerIp, 15 * 60);
  return {
    check: (subject) => checks.consume(subject),
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
export async function enforceRateLimit(kind: "check", principal: Principal): Promise<void> {
  const subject = principal.kind === "api_key" ? `key:${principal.apiKey.id}` : `user:${principal.userId}`;
  const verdict = await (await rateLimits())[kind](subject);
  if (!verdict.allowed) throw ApiError.tooMany(verdict.retryAfter);
}
