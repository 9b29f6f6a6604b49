import "server-only";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { getDatabase } from "@/db";
import { apiKeyVerifier } from "@/lib/auth/api-keys";
import { decisionLogStats } from "@/lib/permissions/decision-log";
import type { DecisionStateStats } from "@/lib/permissions/decision-state";
import { permissionCache } from "@/lib/permissions/server";
import { singleton } from "@/lib/singleton";

/**
 * Prometheus metrics of this process, served at /api/metrics. Checks are counted where they are
 * decided (lib/services/check.ts); cache and pool figures are read when scraped, from the objects
 * that already keep them, so nothing else has to know about metrics.
 */
interface Metrics {
  registry: Registry;
  checkSeconds: Histogram<"route">;
}

/** The per-request counts, as plain numbers (one set per process, like the registry). */
const tally = singleton("metrics-tally", () => ({ allowed: 0, denied: 0, dataPlaneCheck: 0, dataPlaneBulk: 0 }));

// One per process: prom-client refuses a second metric of the same name in one registry.
function metrics(): Metrics {
  return singleton("metrics", build);
}

function build(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });

  // Counted per request in plain numbers (`tally`) and handed to prom-client when scraped: a
  // labelled inc() hashes its labels each time, on the path every check takes. Both series of
  // each exist from the start, so a rate() over them never starts from nothing.
  new Counter({
    name: "gatehouse_checks_total",
    help: "Decisions answered by the check API, by result; a bulk request counts each of its codes.",
    labelNames: ["result"] as const,
    registers,
    collect() {
      this.reset();
      this.inc({ result: "allowed" }, tally.allowed);
      this.inc({ result: "denied" }, tally.denied);
    },
  });

  const checkSeconds = new Histogram({
    name: "gatehouse_check_duration_seconds",
    help: "Time to answer a check request in the service (subject lookup, snapshot, decisions).",
    labelNames: ["route"] as const,
    // Warm decisions take microseconds; a snapshot compile or a database lookup, milliseconds.
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers,
  });

  // The permission cache counts its own events (DecisionState.stats, never reset): each scrape
  // sets these counters to its figures. `kind` is what was looked up: a tenant's compiled policy,
  // or one user's assignments (docs/design.md §5).
  const fromCache = (
    name: string,
    help: string,
    read: (s: DecisionStateStats) => [Record<string, string>, number][],
    labelNames: string[] = [],
  ) =>
    new Counter({
      name,
      help,
      labelNames,
      registers,
      async collect() {
        const { stats } = await permissionCache();
        this.reset();
        for (const [labels, value] of read(stats)) this.inc(labels, value);
      },
    });
  fromCache(
    "gatehouse_permission_cache_lookups_total",
    "Permission cache lookups, by kind (policy or user) and result.",
    (s) => [
      [{ kind: "policy", result: "hit" }, s.policyHits],
      [{ kind: "policy", result: "miss" }, s.policyLoads],
      [{ kind: "user", result: "hit" }, s.userHits],
      [{ kind: "user", result: "miss" }, s.userMisses],
    ],
    ["kind", "result"],
  );
  fromCache(
    "gatehouse_permission_cache_loads_total",
    "Reads from the database: policies compiled, and batches of users' assignments.",
    (s) => [
      [{ kind: "policy" }, s.policyLoads],
      [{ kind: "user" }, s.userLoads],
    ],
    ["kind"],
  );
  fromCache(
    "gatehouse_permission_cache_invalidations_total",
    "Entries dropped because a change named them (NOTIFY), by kind; tenant: a change that named every user.",
    (s) => [
      [{ kind: "policy" }, s.policyInvalidations],
      [{ kind: "user" }, s.userInvalidations],
      [{ kind: "tenant" }, s.tenantResets],
    ],
    ["kind"],
  );
  fromCache(
    "gatehouse_permission_cache_refreshes_total",
    "Users read again as soon as a change named them (PERM_CACHE_REFRESH_AHEAD), before anyone asked.",
    (s) => [[{}, s.userRefreshes]],
  );
  fromCache(
    "gatehouse_permission_cache_evictions_total",
    "Users' assignments pushed out of the bounded cache to make room (PERM_CACHE_USERS).",
    (s) => [[{}, s.userEvictions]],
  );
  fromCache(
    "gatehouse_permission_cache_flushes_total",
    "Whole-cache flushes (a lost LISTEN connection, a malformed message).",
    (s) => [[{}, s.flushes]],
  );
  new Gauge({
    name: "gatehouse_permission_cache_users",
    help: "Users' assignments held by this instance's permission cache.",
    registers,
    async collect() {
      this.set((await permissionCache()).state.cachedUsers);
    },
  });

  new Gauge({
    name: "gatehouse_db_pool_connections",
    help: "Database connections: max is the pool's size; open, busy and idle are this instance's connections as the server reports them.",
    labelNames: ["state"] as const,
    registers,
    async collect() {
      this.reset();
      try {
        const stats = await (await getDatabase()).poolStats();
        for (const [state, value] of Object.entries(stats)) this.set({ state }, value);
      } catch {
        // Without an answer the series go missing for this scrape; the rest is still served.
      }
    },
  });

  new Counter({
    name: "gatehouse_data_plane_requests_total",
    help: "Check requests answered by the data plane (lib/api/data-plane.ts) rather than by Next's route handlers.",
    labelNames: ["route"] as const,
    registers,
    collect() {
      this.reset();
      this.inc({ route: "check" }, tally.dataPlaneCheck);
      this.inc({ route: "bulk" }, tally.dataPlaneBulk);
    },
  });

  new Counter({
    name: "gatehouse_api_key_cache_lookups_total",
    help: "API key lookups in the process's key cache, by result (a miss reads the key from the database).",
    labelNames: ["result"],
    registers,
    async collect() {
      const { stats } = await apiKeyVerifier();
      this.reset();
      this.inc({ result: "hit" }, stats.hits);
      this.inc({ result: "miss" }, stats.misses);
    },
  });

  // The decision log's buffer (docs/design.md §5.4): what it wrote, dropped (full, or a failed
  // flush) and holds now. A rising dropped count says the database is slower than the checks.
  new Counter({
    name: "gatehouse_decision_log_decisions_total",
    help: "Decisions of the decision log, by outcome: written, or dropped (buffer full or flush failed).",
    labelNames: ["outcome"],
    registers,
    collect() {
      const s = decisionLogStats();
      this.reset();
      this.inc({ outcome: "written" }, s.written);
      this.inc({ outcome: "dropped" }, s.dropped);
    },
  });
  new Gauge({
    name: "gatehouse_decision_log_buffered",
    help: "Decisions held in memory, waiting for the next flush.",
    registers,
    collect() {
      this.set(decisionLogStats().buffered);
    },
  });

  return { registry, checkSeconds };
}

/** Counts a request the data plane answered. */
export function recordDataPlane(route: "check" | "bulk") {
  if (route === "check") tally.dataPlaneCheck++;
  else tally.dataPlaneBulk++;
}

/** Counts the decisions of one check request. */
export function recordChecks(allowed: number, denied: number) {
  tally.allowed += allowed;
  tally.denied += denied;
}

const ROUTE_LABELS = { check: { route: "check" }, bulk: { route: "bulk" } } as const;

/** Starts timing a check request; call the result when it is answered. */
export function timeCheck(route: "check" | "bulk"): () => void {
  const started = performance.now();
  return () => metrics().checkSeconds.observe(ROUTE_LABELS[route], (performance.now() - started) / 1000);
}

/** The exposition text and its content type (`text/plain; version=0.0.4`). */
export async function metricsText(): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
