/** The scale bench's table (targets from issue 12) and its JSON. */
import { fmtInt, markdownTable, percentile, sortedCopy } from "../measure";
import type { Sampled } from "./measures";

export interface Results {
  members: number;
  database: string;
  growMs: number;
  startup: { a: number; b: number };
  /** B's first check after it started: the tenant's first load there. */
  firstCheckOnB: number;
  memory: {
    baseline: { rss: number; peak: number };
    active: { rss: number; peak: number };
    end: { rss: number; peak: number };
    activeUsers: number;
  };
  activity: number[];
  cold: number[];
  /** Checks of users held in B's memory, one at a time, each just before a cold one. */
  warm: number[];
  one: { other: number[]; self: Sampled; writes: number[] };
  role: { onA: Sampled; onB: Sampled; writes: number[] };
  revoke: { seen: Sampled; polls: number[] };
  failures: string[];
  environment: string;
  runMs: () => number;
}

/** 0.42 ms, 12.3 ms, 15.2 s. */
export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return "—";
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}

const mb = (bytes: number) => (Number.isFinite(bytes) ? `${fmtInt(bytes / 2 ** 20)} MB` : "—");

interface Row {
  measure: string;
  ms: number[];
  wrong?: number;
  /** p99 at most this (ms); absent: for information. */
  target?: number;
}

export function report(r: Results) {
  const rows: Row[] = [
    { measure: "one-user write on A → first check on B, another active user", ms: r.one.other, target: 5 },
    {
      measure: "one-user write on A → first check on B, that user (min_perm_version)",
      ms: r.one.self.ms,
      wrong: r.one.self.wrong,
      target: 5,
    },
    {
      measure: "role-grant change on A → first check on A (min_perm_version)",
      ms: r.role.onA.ms,
      wrong: r.role.onA.wrong,
      target: 50,
    },
    {
      measure: "role-grant change on A → first check on B (min_perm_version)",
      ms: r.role.onB.ms,
      wrong: r.role.onB.wrong,
      target: 50,
    },
    {
      measure: "revoke on A → seen by B (no min_perm_version, polled ~5 ms)",
      ms: r.revoke.seen.ms,
      wrong: r.revoke.seen.wrong,
      target: 100,
    },
    { measure: "cold user's first check on a warm B", ms: r.cold, target: 3 },
  ];
  const info: Row[] = [
    { measure: "a warm user's check on B, one at a time (no database: the round trip alone)", ms: r.warm },
    { measure: "one-user write on A (override PUT answered)", ms: r.one.writes },
    { measure: "role-grant write on A (POST/DELETE answered)", ms: r.role.writes },
    { measure: `checks on B while ${fmtInt(r.memory.activeUsers)} users become active (8 in flight)`, ms: r.activity },
    { measure: "first check on a freshly started instance (B)", ms: [r.firstCheckOnB] },
  ];
  const stats = (row: Row) => {
    const sorted = sortedCopy(row.ms);
    const p50 = percentile(sorted, 50);
    const p99 = percentile(sorted, 99);
    const pass = row.target === undefined || row.ms.length === 0 ? "" : p99 <= row.target ? "PASS" : "FAIL";
    return { p50, p99, pass };
  };
  const line = (row: Row) => {
    const s = stats(row);
    const samples = `${fmtInt(row.ms.length)}${row.wrong ? ` (${row.wrong} stale or wrong)` : ""}`;
    const target = row.target === undefined ? "—" : `p99 ≤ ${row.target} ms`;
    return [row.measure, duration(s.p50), duration(s.p99), samples, target, s.pass];
  };
  const memoryTarget = 250 * 2 ** 20;
  const memoryRow = [
    `B's RSS at ${fmtInt(r.members)} members, ${fmtInt(r.memory.activeUsers)} active`,
    mb(r.memory.active.rss),
    `(peak ${mb(r.memory.active.peak)})`,
    "1 reading",
    "≤ 250 MB",
    r.memory.active.rss <= memoryTarget ? "PASS" : "FAIL",
  ];
  const table = markdownTable(
    ["measure", "p50", "p99", "samples", "target", ""],
    [...rows.slice(0, 5).map(line), memoryRow, line(rows[5]!), ...info.map(line)],
  );
  const runMs = r.runMs();
  const markdown = [
    `# Gatehouse scale bench — one tenant, ${fmtInt(r.members)} members, two instances on one PostgreSQL; ${r.environment}, ${new Date().toISOString().slice(0, 10)}`,
    "",
    table,
    "",
    `Growing the tenant (SQL) took ${duration(r.growMs)}. Startup (\`npm start\` → healthy): A ${duration(r.startup.a)} ` +
      `(migrated and seeded an empty database), B ${duration(r.startup.b)} (on the grown database). ` +
      `B's RSS: ${mb(r.memory.baseline.rss)} after startup, ${mb(r.memory.end.rss)} at the end. ` +
      (r.revoke.polls.length
        ? `B was polled ${fmtInt(percentile(sortedCopy(r.revoke.polls), 50))} time(s) (median) before it denied a revoked permission. `
        : "") +
      `The run took ${duration(runMs)}.`,
    ...(r.failures.length ? ["", "Failures (each ended its measure):", ...r.failures.map((f) => `- ${f}`)] : []),
    "",
  ].join("\n");
  const json = {
    date: new Date().toISOString(),
    environment: r.environment,
    members: r.members,
    database: r.database,
    grow_ms: r.growMs,
    startup_ms: r.startup,
    memory_bytes: { ...r.memory },
    measures: [...rows, ...info].map((row) => ({
      measure: row.measure,
      ...stats(row),
      samples: row.ms.length,
      wrong: row.wrong ?? 0,
      target_p99_ms: row.target ?? null,
      ms: row.ms.length > 1000 ? undefined : row.ms,
    })),
    revoke_polls: r.revoke.polls,
    failures: r.failures,
    run_ms: runMs,
  };
  return { markdown, json };
}
