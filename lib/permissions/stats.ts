/**
 * Check counters kept in memory (§5: never a row per check); `flushCheckStats` adds them to
 * check_stats per tenant × permission × day and is called periodically by the server.
 */
export interface CheckCounter { tenantId: string; code: string; day: string; allowed: number; denied: number }

const counters = new Map<string, CheckCounter>();
export const checkTotals = { allowed: 0, denied: 0 };

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
