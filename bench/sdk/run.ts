/**
 * `npm run bench:sdk`: the client SDK's numbers (issue 16), not part of `npm test`.
 *
 * A fresh PostgreSQL database `gh_sdk_<time>`; one Gatehouse instance (`npm start`) migrates and
 * seeds it; the demo tenant is grown to N members in SQL (bench/scale/grow.ts, as bench:scale
 * does). Then the SDK, in a process of its own (bench/sdk/measure.mjs, the built package), makes
 * 10,000 members active and measures: its memory, `checkSync` on warm users, a role removed
 * through the API until the SDK no longer grants (the stream alone), and `check` with the
 * `minPermVersion` a write just answered. Prints a table against the targets and writes JSON
 * under test-results/bench-sdk/. Options as bench:scale's (`--members`, `--active`, `--samples`,
 * `--port`, `--keep`, `--no-build`); env BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { createApiKey } from "../scale/api";
import { parseArgs } from "../scale/args";
import { announceGrowth, createDatabase, dropDatabase, growTenant, SCALE_EMAIL, tenantOf } from "../scale/grow";
import { startInstance, stopAllAndWait } from "../scale/servers";

const args = parseArgs(process.argv.slice(2));
const started = performance.now();
const log = (msg: string) =>
  console.error(`[bench:sdk ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`);
const serverUrl = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432";
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dbName = `gh_sdk_${stamp}`;
const outDir = path.resolve("test-results", "bench-sdk");
mkdirSync(outDir, { recursive: true });

interface Measured {
  memory: {
    activeUsers: number;
    sdkHeapBytes: number;
    policyHeapBytes: number;
    loaded: { rss: number };
    loadMs: number;
  };
  checkSync: { perSecond: number; windows: number[] };
  revoke: { afterAnswer: Summary; afterSend: Summary; notSeen: number };
  readYourWrites: Summary & { wrong: number };
}
interface Summary {
  n: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await stopAllAndWait();
  if (args.keep) log(`kept the database: ${serverUrl}/${dbName}`);
  else await dropDatabase(serverUrl, dbName).catch((e: unknown) => log(`could not drop ${dbName}: ${e}`));
}

async function main() {
  if (args.build === "always" || (args.build === "if-missing" && !existsSync(".next/BUILD_ID"))) {
    log("building (npm run build)");
    if (spawnSync("npm", ["run", "build"], { stdio: ["ignore", 2, 2] }).status !== 0) throw new Error("build failed");
  }
  const databaseUrl = await createDatabase(serverUrl, dbName);
  const env = {
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    RATE_LIMIT_CHECK_PER_MINUTE: String(1e9),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const a = await startInstance("A", args.port, env, path.join(outDir, `${dbName}.log`));
  log(`Gatehouse healthy after ${(a.startupMs / 1000).toFixed(1)} s`);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  let users: { active: string[]; samples: string[] };
  try {
    const grown = performance.now();
    await growTenant(sql, args.members, (done) => log(`grown to ${done.toLocaleString("en-US")} members`));
    const tenant = await tenantOf(sql);
    await announceGrowth(sql, tenant.id);
    log(
      `tenant grown to ${args.members.toLocaleString("en-US")} members in ${((performance.now() - grown) / 1000).toFixed(0)} s`,
    );
    // Active members with exactly one role (not Admin) and no override: a removed role revokes.
    const rows = await sql<{ id: string }[]>`
      select m.user_id as id from memberships m
      join users u on u.id = m.user_id and u.status = 'active' and u.email like ${`%${SCALE_EMAIL}`}
      where m.tenant_id = ${tenant.id} and m.status = 'active'
        and (select count(*) from user_roles ur where ur.tenant_id = ${tenant.id} and ur.user_id = m.user_id
             and ur.role_id <> ${tenant.roles.get("Admin")!} and ur.expires_at is null) = 1
        and not exists (select 1 from user_roles ur where ur.tenant_id = ${tenant.id} and ur.user_id = m.user_id
             and (ur.role_id = ${tenant.roles.get("Admin")!} or ur.expires_at is not null))
        and not exists (select 1 from user_overrides o where o.tenant_id = ${tenant.id} and o.user_id = m.user_id)
      order by random() limit ${args.active + args.samples}`;
    const ids = rows.map((r) => r.id);
    users = { active: ids.slice(0, args.active), samples: ids.slice(args.active) };
  } finally {
    await sql.end({ timeout: 5 });
  }
  const key = await createApiKey(a.url);
  const usersFile = path.join(outDir, `${dbName}-users.json`);
  writeFileSync(usersFile, JSON.stringify(users));
  log(`the SDK: ${users.active.length} active users, ${users.samples.length} sample users`);
  const out = execFileSync(process.execPath, ["--expose-gc", path.resolve("bench/sdk/measure.mjs")], {
    env: {
      ...process.env,
      GATEHOUSE_URL: a.url,
      GATEHOUSE_API_KEY: key,
      BENCH_USERS: usersFile,
      BENCH_SAMPLES: String(args.samples),
    },
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 16 * 2 ** 20,
  });
  const m = JSON.parse(out.toString("utf8")) as Measured;
  const ms = (x: number | null) => (x === null ? "—" : `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`);
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
  const rows = [
    [
      "`checkSync` on warm users, one core",
      `${Math.round(m.checkSync.perSecond).toLocaleString("en-US")} checks/s`,
      "",
      "≥ 1,000,000 checks/s",
    ],
    [
      "a revoke through the API seen by the SDK (no `minPermVersion`), from the write's answer",
      ms(m.revoke.afterAnswer.p50),
      ms(m.revoke.afterAnswer.p99),
      "p99 ≤ 1 s (aim ≤ 100 ms)",
    ],
    ["the same, from the write's request", ms(m.revoke.afterSend.p50), ms(m.revoke.afterSend.p99), ""],
    [
      "`check` with the `minPermVersion` a write just answered",
      `${m.readYourWrites.wrong} wrong of ${m.readYourWrites.n}`,
      `${ms(m.readYourWrites.p50)} / ${ms(m.readYourWrites.p99)}`,
      "reflects the write, always",
    ],
    [
      `SDK memory (heap + buffers) with ${m.memory.activeUsers.toLocaleString("en-US")} active users of a ${args.members.toLocaleString("en-US")}-member tenant`,
      mb(m.memory.sdkHeapBytes),
      `RSS ${mb(m.memory.loaded.rss)}`,
      "≤ 50 MB",
    ],
  ];
  const table = [
    "| measure | p50 / value | p99 / other | target |",
    "| --- | --- | --- | --- |",
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
  const environment = `Node ${process.version}, ${cpus()[0]?.model ?? "cpu"} (${cpus().length} cores), load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}, ${new Date().toISOString()}`;
  console.log(
    `${table}\n\n${environment}; revocations not seen within 5 s: ${m.revoke.notSeen}; of which the policy: ${mb(m.memory.policyHeapBytes)}; loading the active users took ${ms(m.memory.loadMs)}`,
  );
  writeFileSync(
    path.join(outDir, `${dbName}.json`),
    `${JSON.stringify({ members: args.members, environment, ...m }, null, 2)}\n`,
  );
}
