import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase, openPglite, openPostgres, rowsOf } from "../client";
import { adminUrl, databaseName } from "./pg-url";

declare module "vitest" {
  export interface ProvidedContext {
    /** PGlite: a migrated data dir, tarred, that each test file loads. */
    pgliteTemplate: string;
    /** PostgreSQL: the migrated database each test file copies (CREATE DATABASE ... TEMPLATE). */
    pgTemplate: string;
  }
}

/** Builds one migrated template per run; every test file starts from a copy of it. */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const database = await openPostgres(url, 1);
    await migrateDatabase(database);
    await database.close();
    project.provide("pgTemplate", databaseName(url));
    project.provide("pgliteTemplate", "");
    return async () => {
      // Drop copies (and empty databases) a crashed test file may have left behind.
      const admin = await openPostgres(adminUrl(url), 1);
      const { sql } = await import("drizzle-orm");
      const name = databaseName(url);
      const rows = rowsOf<{ datname: string }>(
        await admin.db.execute(
          sql`select datname from pg_database where datname like ${`${name}_f%`} or datname like ${`${name}_empty_%`}`,
        ),
      );
      for (const r of rows) await admin.db.execute(sql.raw(`drop database if exists "${r.datname}" with (force)`));
      await admin.close();
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const client = new PGlite();
  const database = await openPglite(client);
  await migrateDatabase(database);
  const blob = await client.dumpDataDir("none");
  await database.close();
  const dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-tpl-"));
  const file = path.join(dir, "template.tar");
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  project.provide("pgliteTemplate", file);
  project.provide("pgTemplate", "");
  return () => rmSync(dir, { recursive: true, force: true });
}
