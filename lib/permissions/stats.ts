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
interface StatsState {
  counters: Map<string, CheckCounter>;
  totals: { allowed: number; denied: number };
}
const state = singleton<StatsState>("checkStats", () => ({ counters: new Map(), totals: { allowed: 0, denied: 0 } }));
const counters = state.counters;
export const checkTotals = state.totals;

export function countCheck(tenantId: string, code: string, granted: boolean, now = new Date()) {
  const day = now.toISOString().slice(0, 10);
  const key = `${tenantId}|${day}|${code}`;
  let c = counters.get(key);
  if (!c) counters.set(key, (c = { tenantId, code, day, allowed: 0, denied: 0 }));
  if (granted) {
    c.allowed++;
    checkTotals.allowed++;
  } else {
    c.denied++;
    checkTotals.denied++;
  }
}

/** Takes the pending counters (the caller writes them; on failure it may put them back). */
export function drainCheckCounters(): CheckCounter[] {
  const out = [...counters.values()];
  counters.clear();
  return out;
}
