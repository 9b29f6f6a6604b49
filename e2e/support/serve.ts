/**
 * Starts the server (`server.mjs`, as `npm start`: Next.js with the data plane in front) for the
 * end-to-end tests on a fresh database: a new PGlite folder, or (with DATABASE_URL) a new
 * `<name>_e2e` database on the same server. The server migrates and seeds it.
 *
 * With DATABASE_URL a second instance follows on port+1 against the SAME database, once the
 * first is healthy (so it neither creates nor seeds anything): tests reach it as `secondURL`
 * (playwright.config.ts) to prove that instances agree through PostgreSQL alone (LISTEN/NOTIFY).
 * PGlite is one process's database, so there it is one instance.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openPostgres } from "../../db/client";
import { adminUrl, databaseName, withDatabase } from "../../db/testing/pg-url";
import { E2E_LIMITS } from "./limits";

const port = process.argv[2] ?? "3100";
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: port,
  NEXT_TELEMETRY_DISABLED: "1",
  RATE_LIMIT_CHECK_PER_MINUTE: String(E2E_LIMITS.checkPerMinute),
  RATE_LIMIT_CHECK_BATCH: String(E2E_LIMITS.checkBatch),
  RATE_LIMIT_SIGNIN_PER_15_MIN: String(E2E_LIMITS.signInPerEmail),
  METRICS_TOKEN: E2E_LIMITS.metricsToken,
};

if (process.env.DATABASE_URL) {
  const name = `${databaseName(process.env.DATABASE_URL)}_e2e`;
  const admin = await openPostgres(adminUrl(process.env.DATABASE_URL), 1);
  await admin.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
  await admin.db.execute(sql.raw(`create database "${name}"`));
  await admin.close();
  env.DATABASE_URL = withDatabase(process.env.DATABASE_URL, name);
} else {
  const dir = path.resolve(".data", `e2e-pglite-${port}`);
  rmSync(dir, { recursive: true, force: true });
  env.PGLITE_DIR = dir;
}

const servers: ChildProcess[] = [];
const start = (p: string) => {
  const server = spawn(process.execPath, ["server.mjs", "-p", p, "-H", "127.0.0.1"], {
    env: { ...env, PORT: p },
    stdio: "inherit",
  });
  servers.push(server);
  // One instance gone means the run is broken: stop the other too.
  server.on("exit", (code) => {
    for (const other of servers) if (other !== server) other.kill("SIGTERM");
    process.exit(code ?? 0);
  });
  return server;
};
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    for (const s of servers) s.kill(signal);
  });

start(port);
if (process.env.DATABASE_URL) {
  await waitForHealth(port);
  start(String(Number(port) + 1));
}

/** Waits until the instance answers its health check (it has migrated and seeded the database). */
async function waitForHealth(p: string, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${p}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the first instance on port ${p} did not become healthy`);
}
