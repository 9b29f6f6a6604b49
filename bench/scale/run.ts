/**
 * `npm run bench:scale`: one tenant grown to N members in PostgreSQL, measured on two instances
 * (issue 12; DESIGN.md §3.4, §5). Not part of `npm test`.
 *
 * A fresh database `gh_scale_<time>` on the local server; instance A (`npm start`, port 3500)
 * migrates and seeds the demo world; the demo tenant (Acme) is grown in SQL (bench/scale/grow.ts);
 * instance B (port 3501) starts on the grown database. Then: 10,000 users made active on B (and
 * B's memory read), never-checked users' first checks, and three write measures (a one-user
 * write, a role-grant change, a revocation) made on A and seen on B (bench/scale/measures.ts).
 * Prints a table against the targets and writes it as JSON under test-results/bench-scale/.
 * The servers are stopped and the database dropped at the end (unless --keep), and on Ctrl-C.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { check, createApiKey } from "./api";
import { parseArgs } from "./args";
import { announceGrowth, createDatabase, dropDatabase, growTenant, SCALE_EMAIL, tenantOf } from "./grow";
import { activate, type Bench, coldUsers, oneUserWrite, type PoolUser, revokeSeen, roleGrantChange } from "./measures";
import { report } from "./report";
import { memoryOf, serverPid, startInstance, stopAllAndWait } from "./servers";

const args = parseArgs(process.argv.slice(2));
const started = performance.now();
const log = (msg: string) =>
  console.error(`[bench:scale ${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s] ${msg}`);
const serverUrl = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432";
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dbName = `gh_scale_${stamp}`;
const outDir = path.resolve("test-results", "bench-scale");
mkdirSync(outDir, { recursive: true });

let cleaning: Promise<void> | null = null;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    await stopAllAndWait();
    if (args.keep) log(`kept the database: ${serverUrl}/${dbName}`);
    else await dropDatabase(serverUrl, dbName).catch((e: unknown) => log(`could not drop ${dbName}: ${e}`));
  })();
  return cleaning;
}
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    interrupted = true;
    log(`${signal}: stopping the servers`);
    void cleanUp().finally(() => process.exit(130));
  });

try {
  await main();
} catch (error) {
  // Once interrupted, what fails next is the servers being stopped: not worth a stack trace.
  if (!interrupted) console.error(error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}

async function main() {
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  if (args.build === "always" || (args.build === "if-missing" && !existsSync(path.join(distDir, "BUILD_ID")))) {
    log("building (npm run build)");
    const built = spawnSync("npm", ["run", "build"], { stdio: ["ignore", 2, 2] });
    if (built.status !== 0) throw new Error("npm run build failed");
  }
  const databaseUrl = await createDatabase(serverUrl, dbName);
  log(`database ${dbName}`);
  const env = {
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    RATE_LIMIT_CHECK_PER_MINUTE: String(1e9),
    NEXT_TELEMETRY_DISABLED: "1",
    ...(args.heapSnapshot
      ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --heapsnapshot-signal=SIGUSR2`.trim() }
      : {}),
  };
  const a = await startInstance("A", args.port, env, path.join(outDir, `${dbName}-a.log`));
  log(`instance A healthy after ${(a.startupMs / 1000).toFixed(1)} s (migrated and seeded an empty database)`);

  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const growStart = performance.now();
    let lastLog = 0;
    const added = await growTenant(sql, args.members, (done) => {
      if (performance.now() - lastLog < 10_000) return;
      log(`grown to ${done.toLocaleString("en-US")} members`);
      lastLog = performance.now();
    });
    const tenant = await tenantOf(sql);
    await announceGrowth(sql, tenant.id);
    const growMs = performance.now() - growStart;
    log(`added ${added.toLocaleString("en-US")} members in ${(growMs / 1000).toFixed(1)} s`);

    const b = await startInstance("B", args.port + 1, env, path.join(outDir, `${dbName}-b.log`));
    const bPid = serverPid(b);
    const bBaseline = memoryOf(bPid);
    log(`instance B healthy after ${(b.startupMs / 1000).toFixed(1)} s (pid ${bPid})`);

    const key = await createApiKey(a.url);
    const pool = await poolOf(sql, tenant.id, args.active + args.coldSamples + 4 * args.samples + 200);
    const bench: Bench = {
      a,
      b,
      key,
      active: pool.slice(0, args.active),
      cold: pool.slice(args.active),
      roleIds: tenant.roles,
      log,
      failures: [],
    };
    const [{ v: roleVersion } = { v: 1 }] = await sql<
      { v: number }[]
    >`select version as v from roles where id = ${tenant.roles.get("Viewer")!}`;

    log("first check on B (it loads the tenant)");
    const firstB = (await check(b.url, key, bench.active[0]!.id, "contacts.view")).ms;

    log(`making ${bench.active.length} users active on B`);
    const activity = await activate(bench, bench.active, 3).catch((error: unknown) => {
      bench.failures.push(`activity: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    });
    const bActive = memoryOf(bPid);
    const activeUsers = bench.active.length;
    log(`B's RSS with ${bench.active.length} active users: ${(bActive.rss / 2 ** 20).toFixed(0)} MB`);
    if (args.heapSnapshot) log(`heap snapshot of B: ${await heapSnapshot(bPid, outDir)}`);

    const budget = { samples: args.samples, maxMs: args.maxMs };
    log("cold users' first checks");
    const { cold, warm } = await coldUsers(bench, { samples: args.coldSamples, maxMs: args.maxMs });
    log("one-user writes");
    const one = await oneUserWrite(bench, budget);
    log("role-grant changes");
    const role = await roleGrantChange(bench, budget, roleVersion);
    log("revocations");
    const revoke = await revokeSeen(bench, budget);

    const result = report({
      members: args.members,
      database: dbName,
      growMs,
      startup: { a: a.startupMs, b: b.startupMs },
      firstCheckOnB: firstB,
      memory: { baseline: bBaseline, active: bActive, activeUsers, end: memoryOf(bPid) },
      activity,
      cold,
      warm,
      one,
      role,
      revoke,
      failures: bench.failures,
      environment: `Node ${process.version}, ${cpus()[0]?.model ?? "cpu"} (${cpus().length} cores)`,
      runMs: () => performance.now() - started,
    });
    console.log(result.markdown);
    const file = path.join(outDir, `${dbName}.json`);
    const rounded = (_: string, v: unknown) =>
      typeof v === "number" && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v;
    writeFileSync(file, `${JSON.stringify(result.json, rounded, 2)}\n`);
    log(`JSON: ${path.relative(process.cwd(), file)}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Asks B for a heap snapshot (it runs with --heapsnapshot-signal=SIGUSR2, which writes it into its
 * working directory) and moves it into `dir` once written; answers its path.
 */
async function heapSnapshot(pid: number, dir: string): Promise<string> {
  const before = new Set(readdirSync(".").filter((f) => f.endsWith(".heapsnapshot")));
  process.kill(pid, "SIGUSR2");
  for (let waited = 0; waited < 300_000; waited += 500) {
    await new Promise((r) => setTimeout(r, 500));
    const file = readdirSync(".").find((f) => f.endsWith(".heapsnapshot") && !before.has(f));
    if (!file) continue;
    // Written when its size stops changing.
    const size = statSync(file).size;
    await new Promise((r) => setTimeout(r, 1_000));
    if (statSync(file).size !== size || size === 0) continue;
    const target = path.join(dir, file);
    renameSync(file, target);
    return path.relative(process.cwd(), target);
  }
  throw new Error("B wrote no heap snapshot within 5 minutes");
}

/** Random active grown members without overrides, with their unexpired roles' names. */
async function poolOf(sql: postgres.Sql, tenantId: string, n: number): Promise<PoolUser[]> {
  const rows = await sql<PoolUser[]>`
    select m.user_id as id,
           coalesce(array_agg(r.name) filter (where r.name is not null), '{}') as roles
    from (select user_id from memberships where tenant_id = ${tenantId} and status = 'active'
          order by random() limit ${n}) m
    join users u on u.id = m.user_id and u.status = 'active' and u.email like ${`%${SCALE_EMAIL}`}
    left join user_roles ur on ur.tenant_id = ${tenantId} and ur.user_id = m.user_id
      and (ur.expires_at is null or ur.expires_at > now())
    left join roles r on r.id = ur.role_id
    where not exists (select 1 from user_overrides o where o.tenant_id = ${tenantId} and o.user_id = m.user_id)
    group by m.user_id`;
  return shuffle([...rows]);
}

function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}
