/**
 * Check counters kept in memory (§5: never a row per check); `flushCheckStats` adds them to
 * check_stats per tenant × permission × day and is called periodically by the server.
 */
import { singleton } from "@/lib/singleton";
export interface CheckCounter {
  tenantId: string;
  code: string;
  day: string;
  allowed: number;
  denied: number;
}

// One set of counters per process: Next bundles this module separately for route handlers and
// for pages, so module state would be split in two; the process-wide registry keeps them one.
// Counters are kept by "tenant|day", then by code: a check (and each code of a bulk check) costs
// one map lookup, with the day worked out once per request and a date formatted once per day.
interface StatsState {
  counters: Map<string, Map<string, CheckCounter>>;
  totals: { allowed: number; denied: number };
  /** The same checks per user ("tenant|day" → user id): usage per user without the decision log. */
  users?: Map<string, Map<string, UserCheckCounter>>;
}
export interface UserCheckCounter {
  tenantId: string;
  userId: string;
  day: string;
  allowed: number;
  denied: number;
  lastAt: number;
}
const state = singleton<StatsState>("checkStats", () => ({ counters: new Map(), totals: { allowed: 0, denied: 0 } }));
const counters = state.counters;
state.users ??= new Map();
const userCounters = state.users;
export const checkTotals = state.totals;

const DAY_MS = 86_400_000;
let dayOf = { from: 0, until: 0, day: "" };
/** The UTC day (YYYY-MM-DD) of an instant, formatted once per day. */
function utcDay(ms: number): string {
  if (ms < dayOf.from || ms >= dayOf.until) {
    const from = Math.floor(ms / DAY_MS) * DAY_MS;
    dayOf = { from, until: from + DAY_MS, day: new Date(from).toISOString().slice(0, 10) };
  }
  return dayOf.day;
}

/** The counters of one tenant and day: one lookup per request, then one per code. */
export function checkCounters(tenantId: string, now = Date.now()): (code: string, granted: boolean) => void {
  const day = utcDay(now);
  const key = `${tenantId}|${day}`;
  let byCode = counters.get(key);
  if (!byCode) counters.set(key, (byCode = new Map()));
  const codes = byCode;
  return (code, granted) => {
    let c = codes.get(code);
    if (!c) codes.set(code, (c = { tenantId, code, day, allowed: 0, denied: 0 }));
    if (granted) {
      c.allowed++;
      checkTotals.allowed++;
    } else {
      c.denied++;
      checkTotals.denied++;
    }
  };
}

/** Takes the pending counters (the caller writes them; on failure it may put them back). */
export function drainCheckCounters(): CheckCounter[] {
  const out = [...counters.values()].flatMap((byCode) => [...byCode.values()]);
  counters.clear();
  return out;
}

/** Counts a request's checks about one user (the check API: one call per request, whatever its codes). */
export function countUserChecks(tenantId: string, userId: string, allowed: number, denied: number, now = Date.now()) {
  const day = utcDay(now);
  const key = `${tenantId}|${day}`;
  let byUser = userCounters.get(key);
  if (!byUser) userCounters.set(key, (byUser = new Map()));
  let c = byUser.get(userId);
  if (!c) byUser.set(userId, (c = { tenantId, userId, day, allowed: 0, denied: 0, lastAt: now }));
  c.allowed += allowed;
  c.denied += denied;
  c.lastAt = now;
}

/** Takes the pending per-user counters (written beside drainCheckCounters'). */
export function drainUserCheckCounters(): UserCheckCounter[] {
  const out = [...userCounters.values()].flatMap((byUser) => [...byUser.values()]);
  userCounters.clear();
  return out;
}
