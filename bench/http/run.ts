/**
 * `npm run bench:http`: the same load (autocannon, 32 connections, 10 s right after a 3 s warm-up)
 * on seven targets, side by side:
 *   - plain node:http answering a small JSON (the ceiling of this machine),
 *   - a bare Next.js route handler of the Gatehouse server (GET /api/live: no database),
 *   - the floor: Gatehouse's own process answering a POST with a fixed JSON before any of its code
 *     runs (server.mjs, GATEHOUSE_BENCH_FLOOR=1): what the process costs without the check,
 *   - Cerbos's POST /api/check/resources, one action and 50, under the equivalent policy,
 *   - Gatehouse's POST /api/v1/check and /api/v1/check/bulk (50 codes) with a `check` API key.
 * Every answer is checked: one non-2xx, connection error or wrong body FAILS its row, and the
 * bench exits non-zero. The report is printed and written to bench/results/http-<date>.json.
 *
 *   npm run bench:http [-- --no-build] [--duration=10] [--warmup=3] [--connections=32] [--rounds=1] [--only=ID,…]
 *
 * With --rounds=N the seven loads run N times over, interleaved (round 1 every target, then round
 * 2…): this machine's numbers move by tens of percent from minute to minute, and each target's
 * row is then its median round (by req/s); each round's ratios are listed too. With --only, just
 * those targets are loaded (ids: node-http, next-live, gatehouse-floor, cerbos-single, gatehouse-single,
 * cerbos-bulk, gatehouse-bulk), for a profile of one of them (BENCH_CPU_PROF, gatehouse.ts).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureCerbos, startCerbos } from "./cerbos";
import { freePorts, start, stopAll, stopChildrenOnExit, stopRequested, waitUntilUp } from "./children";
import {
  BENCH_CHECK_RATE_LIMIT,
  BULK_SIZE,
  buildStaleness,
  CHECKED,
  PGLITE_DIR,
  prepareGatehouse,
  startGatehouse,
} from "./gatehouse";
import { runLoad } from "./load";
import { machine, medianRounds, type Outcome, outcome, reportText, roundLines, writeJson } from "./report";
import { benchRows, CERBOS_RESOURCE, CERBOS_ROLE, cerbosPolicy, preflight } from "./targets";

const { values: flags } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    connections: { type: "string", default: "32" },
    rounds: { type: "string", default: "1" },
    only: { type: "string" },
  },
});
const settings = {
  connections: Number(flags.connections),
  seconds: Number(flags.duration),
  warmupSeconds: Number(flags.warmup),
  rateLimitCheckPerMinute: BENCH_CHECK_RATE_LIMIT,
};
const rounds = Number(flags.rounds);
for (const [flag, value] of Object.entries({
  duration: settings.seconds,
  warmup: settings.warmupSeconds,
  connections: settings.connections,
  rounds,
}))
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${flag} must be a whole number ≥ 1`);
const log = (msg: string) => console.error(`[bench:http] ${msg}`);

async function main(): Promise<boolean> {
  const host = machine(new Date());

  // 1. The Gatehouse build, and the Cerbos binary (from npm, into bench/.cerbos).
  const stale = buildStaleness();
  if (stale && flags["no-build"]) throw new Error(`--no-build, but the build is not current: ${stale}`);
  if (stale) {
    log(`building (${stale}): npm run build`);
    execFileSync("npm", ["run", "build"], { stdio: ["ignore", "inherit", "inherit"] });
  }
  const cerbosBinary = ensureCerbos(log);

  // 2. The servers, each in a process group of its own, on ports free in 3400–3499.
  const [referencePort, gatehousePort, cerbosHttp, cerbosGrpc] = (await freePorts(4)) as [
    number,
    number,
    number,
    number,
  ];
  log(`starting node:http on ${referencePort}, and Gatehouse (npm start, ${PGLITE_DIR}) on ${gatehousePort}`);
  const reference = start(
    "node:http",
    process.execPath,
    [...process.execArgv, path.resolve("bench/http/reference-server.ts"), String(referencePort)],
    process.env,
    path.resolve(".data/bench-http-reference.log"),
  );
  const gatehouse = await startGatehouse(gatehousePort);
  const referenceUrl = `http://127.0.0.1:${referencePort}`;
  await waitUntilUp(reference, referenceUrl, 30_000);
  log("preparing Gatehouse: sign in as the tenant admin, create a check API key, pick the codes");
  const prepared = await prepareGatehouse(gatehouse.url);
  log(`starting Cerbos ${cerbosBinary.version} on ${cerbosHttp}`);
  const cerbos = await startCerbos(cerbosBinary.binary, cerbosPolicy(prepared), { http: cerbosHttp, grpc: cerbosGrpc });

  // 3. Every answer checked once, then the load: one target after the other, each right after its warm-up.
  const rows = benchRows({ reference: referenceUrl, gatehouse: gatehouse.url, cerbos: cerbos.url }, prepared);
  log(`checking each target's answer (${prepared.bulkGranted.length} of the ${BULK_SIZE} bulk codes are held)`);
  const targets = [];
  const only = flags.only?.split(",");
  for (const row of rows) if (!only || only.includes(row.target.id)) targets.push(await preflight(row));
  if (targets.length === 0) throw new Error(`--only: no target has one of the ids ${flags.only}`);
  // Each target's server runs in a process group of its own (children.ts): its CPU time is read around each load.
  const groupOf = (id: string): number | undefined =>
    (id === "node-http" ? reference : id.startsWith("cerbos-") ? cerbos.child : gatehouse.child).process.pid;
  const byRound: Outcome[][] = [];
  for (let round = 1; round <= rounds; round++) {
    const outcomesOfRound: Outcome[] = [];
    for (const target of targets) {
      log(
        `${rounds > 1 ? `round ${round}/${rounds}, ` : ""}${target.label}: ${settings.warmupSeconds} s warm-up, ` +
          `${settings.seconds} s × ${settings.connections} connections`,
      );
      const serverGroup = groupOf(target.id);
      outcomesOfRound.push(outcome(target, await runLoad({ target, serverGroup, ...settings })));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    byRound.push(outcomesOfRound);
  }
  const outcomes = medianRounds(byRound);
  await stopAll();
  host.loadAverage1m.after = loadavg()[0]!;

  // 4. The report.
  const npmStart = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts
    .start!;
  const report = {
    machine: host,
    settings,
    versions: {
      cerbos: cerbosBinary.version,
      gatehouse: execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim(),
      npmStart,
    },
    checked: {
      user: CHECKED.user.email,
      role: CHECKED.role,
      code: CHECKED.code,
      bulkCodes: prepared.bulkCodes,
      bulkGranted: prepared.bulkGranted,
      cerbosConfig: readFileSync(cerbos.configFile, "utf8"),
      cerbosPolicy: readFileSync(cerbos.policyFile, "utf8"),
    },
    outcomes,
  };
  const held = prepared.bulkGranted.length;
  console.log(
    reportText(report, [
      `Checked: ${CHECKED.user.email} for ${CHECKED.code}, held through the role ${CHECKED.role}; in bulk, ${held} codes ` +
        `held through it and ${BULK_SIZE - held} not held. Cerbos: a principal with the role "${CERBOS_ROLE}" (passed in the ` +
        `request), resource kind "${CERBOS_RESOURCE}", one resource policy allowing that role exactly those ${held} codes. ` +
        "Gatehouse: an API key (scope check) and the user's id; it finds the roles itself.",
      `Gatehouse ran with RATE_LIMIT_CHECK_PER_MINUTE=${BENCH_CHECK_RATE_LIMIT} (the default, 6,000 a minute, would ` +
        `answer 429s within a second) on a fresh PGlite in ${PGLITE_DIR}.`,
      "autocannon runs in a process of its own but on the same cores as the server under test, alike for every row; " +
        "the servers not under load stay up, idle.",
      ...(rounds > 1
        ? [
            `Rounds: ${rounds}, each target's row is its median round by req/s (a failure in any round fails the row). Per round:`,
            ...roundLines(byRound),
          ]
        : []),
    ]),
  );
  log(`results written to ${writeJson(report)}`);
  return outcomes.every((o) => o.failures.length === 0);
}

stopChildrenOnExit(log);
main().then(
  async (passed) => {
    await stopAll();
    process.exit(passed ? 0 : 1);
  },
  async (error: unknown) => {
    // A load child killed by the same Ctrl-C is no error worth a stack trace.
    if (!stopRequested()) log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await stopAll();
    process.exit(stopRequested() ? 130 : 1);
  },
);
