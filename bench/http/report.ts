/** The HTTP bench's report: the table, the Gatehouse ÷ Cerbos ratios, the machine, and the JSON file. */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, type } from "node:os";
import { fmt, fmtInt, markdownTable } from "../measure";
import { BULK_SIZE } from "./gatehouse";
import { type LoadResult, problems, type Target } from "./load";

export interface Machine {
  cpu: string;
  cores: number;
  os: string;
  node: string;
  date: string;
  /** Other work on the machine shows in the numbers: the 1-minute load average says how much. */
  loadAverage1m: { before: number; after: number | null };
}

export function machine(startedAt: Date): Machine {
  return {
    cpu: cpus()[0]?.model ?? "unknown cpu",
    cores: cpus().length,
    os: `${type()} ${release()}`,
    node: process.version,
    date: startedAt.toISOString(),
    loadAverage1m: { before: loadavg()[0]!, after: null },
  };
}

export interface Outcome {
  target: Target;
  result: LoadResult;
  /** Empty when every answer of the warm-up and the measured run was the right one. */
  failures: string[];
}

export function outcome(target: Target, result: LoadResult): Outcome {
  const failures = [...problems(result.warmup).map((p) => `warm-up: ${p}`), ...problems(result.measured)];
  return { target, result, failures };
}

type Ratio = { reqPerSec: number; p50: number; p99: number } | null;

/** Each target's median round by req/s; a target that failed in any round carries every failure. */
export function medianRounds(byRound: Outcome[][]): Outcome[] {
  return (byRound[0] ?? []).map((_first, i) => {
    const runs = byRound
      .map((round) => round[i]!)
      .sort((a, b) => a.result.measured.reqPerSec - b.result.measured.reqPerSec);
    const median = runs[Math.floor((runs.length - 1) / 2)]!;
    return { ...median, failures: runs.flatMap((o) => o.failures) };
  });
}

/** One line per round: its Gatehouse ÷ Cerbos req/s ratios. */
export function roundLines(byRound: Outcome[][]): string[] {
  const x = (q: Ratio) => (q ? `${fmt(q.reqPerSec, 2)}× (p99 ${fmt(q.p99, 2)}×)` : "n/a");
  return byRound.map(
    (round, i) => `- round ${i + 1}: one check ${x(ratio(round, "single"))}, bulk ${x(ratio(round, "bulk"))}`,
  );
}

/** Gatehouse ÷ Cerbos for "single" or "bulk"; null when either row failed. */
function ratio(outcomes: Outcome[], kind: "single" | "bulk"): Ratio {
  const g = outcomes.find((o) => o.target.id === `gatehouse-${kind}`);
  const c = outcomes.find((o) => o.target.id === `cerbos-${kind}`);
  if (!g || !c || g.failures.length > 0 || c.failures.length > 0) return null;
  const [gm, cm] = [g.result.measured, c.result.measured];
  return { reqPerSec: gm.reqPerSec / cm.reqPerSec, p50: gm.p50 / cm.p50, p99: gm.p99 / cm.p99 };
}

/** The floor: what Gatehouse's own process answers with no Gatehouse code, against Cerbos and against the check. */
function floorLine(outcomes: Outcome[]): string {
  const req = (id: string) => {
    const o = outcomes.find((x) => x.target.id === id);
    return o && o.failures.length === 0 ? o.result.measured.reqPerSec : null;
  };
  const [floor, cerbos, check] = [req("gatehouse-floor"), req("cerbos-single"), req("gatehouse-single")];
  if (floor === null) return "- Floor: not measured.";
  const parts = [
    cerbos === null ? null : `${fmt(floor / cerbos, 2)}× Cerbos's one check`,
    check === null ? null : `the check reaches ${fmt((100 * check) / floor, 0)} % of it`,
  ].filter(Boolean);
  return `- Floor (Gatehouse's process, a fixed answer before any Gatehouse code): ${parts.join("; ")}.`;
}

/** The server's CPU time per answer, µs (all its processes and threads); null when it was not read. */
function cpuPerRequest(run: LoadResult["measured"]): number | null {
  if (run.serverCpuSeconds == null || run.responses === 0) return null;
  return (run.serverCpuSeconds * 1e6) / run.responses;
}

/**
 * What a check costs the server, against Cerbos: req/s alone cannot say it on a machine whose cores
 * the load generator shares (a multi-threaded server takes what cores are left; ours runs on one).
 */
function cpuLine(outcomes: Outcome[]): string {
  const cost = (id: string) => {
    const o = outcomes.find((x) => x.target.id === id);
    return o && o.failures.length === 0 ? cpuPerRequest(o.result.measured) : null;
  };
  const pairs = (["single", "bulk"] as const).flatMap((kind) => {
    const [g, c] = [cost(`gatehouse-${kind}`), cost(`cerbos-${kind}`)];
    if (g === null || c === null) return [];
    const name = kind === "single" ? "one check" : `${BULK_SIZE} checks`;
    return [`${name}: Cerbos ${fmtInt(c)} µs, Gatehouse ${fmtInt(g)} µs (${fmt(c / g, 2)}× less)`];
  });
  if (pairs.length === 0) return "- Server CPU per request: not read (no /proc here).";
  return `- Server CPU per request (user + system, every process and thread of the server): ${pairs.join("; ")}.`;
}

export interface Report {
  machine: Machine;
  settings: { connections: number; seconds: number; warmupSeconds: number; rateLimitCheckPerMinute: number };
  versions: { cerbos: string; gatehouse: string; npmStart: string };
  /** Who is checked for what, and the Cerbos config and policy that stand for it. */
  checked: Record<string, unknown>;
  outcomes: Outcome[];
}

export function reportText(r: Report, notes: string[]): string {
  const { machine: m, settings: s } = r;
  const table = markdownTable(
    ["target", "req/s", "p50 ms", "p99 ms", "server CPU µs/req", "server cores", "non-2xx / errors", ""],
    r.outcomes.map(({ target, result: { measured }, failures }) => [
      target.label,
      fmtInt(measured.reqPerSec),
      fmt(measured.p50, 2),
      fmt(measured.p99, 2),
      cpuPerRequest(measured) === null ? "n/a" : fmtInt(cpuPerRequest(measured)!),
      measured.serverCpuSeconds == null ? "n/a" : fmt(measured.serverCpuSeconds / measured.seconds, 2),
      `${measured.non2xx} / ${measured.errors}`,
      failures.length === 0 ? "ok" : "FAIL",
    ]),
  );
  const ratioLine = (name: string, q: Ratio) =>
    q
      ? `- Gatehouse ÷ Cerbos, ${name}: ${fmt(q.reqPerSec, 2)}× the req/s; ${fmt(q.p50, 2)}× the p50, ${fmt(q.p99, 2)}× the p99 latency.`
      : `- Gatehouse ÷ Cerbos, ${name}: n/a (a row failed).`;
  const decisions = (id: string) => {
    const o = r.outcomes.find((x) => x.target.id === id);
    return o ? fmtInt(o.result.measured.reqPerSec * BULK_SIZE) : "n/a";
  };
  const failed = r.outcomes.filter((o) => o.failures.length > 0);
  return [
    `# Gatehouse HTTP bench — ${m.cpu} (${m.cores} cores), ${m.os}, Node ${m.node}, ${m.date.slice(0, 10)}`,
    "",
    `autocannon, ${s.connections} connections, ${s.seconds} s per target right after its ${s.warmupSeconds} s warm-up; ` +
      `Cerbos ${r.versions.cerbos}; Gatehouse ${r.versions.gatehouse} through \`npm start\` (\`${r.versions.npmStart}\`).`,
    "",
    table,
    "",
    ratioLine("one check", ratio(r.outcomes, "single")),
    ratioLine(`${BULK_SIZE} checks in one request`, ratio(r.outcomes, "bulk")),
    `- Decisions per second in bulk: Cerbos ${decisions("cerbos-bulk")}, Gatehouse ${decisions("gatehouse-bulk")}.`,
    floorLine(r.outcomes),
    cpuLine(r.outcomes),
    ...(failed.length > 0 ? ["", ...failed.map((o) => `**FAIL** ${o.target.label}: ${o.failures.join("; ")}`)] : []),
    "",
    ...notes,
    `Load average (1 min) ${fmt(m.loadAverage1m.before, 2)} before the run, ${fmt(m.loadAverage1m.after ?? Number.NaN, 2)} after ` +
      `(${m.cores} cores): anything else running on the machine shows in these numbers.`,
    "",
  ].join("\n");
}

/** Writes the report as JSON into bench/results/ (git-ignored); answers the file's path. */
export function writeJson(r: Report): string {
  mkdirSync("bench/results", { recursive: true });
  const file = `bench/results/http-${r.machine.date.slice(0, 16).replace(":", "-")}.json`;
  const { outcomes, ...rest } = r;
  const ratios = { single: ratio(outcomes, "single"), bulk: ratio(outcomes, "bulk") };
  const targets = outcomes.map(({ target, result, failures }) => ({
    id: target.id,
    label: target.label,
    request: `${target.method} ${new URL(target.url).pathname}`,
    ...result,
    failures,
  }));
  writeFileSync(file, `${JSON.stringify({ ...rest, targets, ratios }, null, 2)}\n`);
  return file;
}
