/**
 * Starts `next start` for the end-to-end tests on a fresh database: a new PGlite folder, or (with
 * DATABASE_URL) a new `<name>_e2e` database on the same server. The server migrates and seeds it.
 */
import { spawn } from "node:child_process";
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

const server = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], { env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
