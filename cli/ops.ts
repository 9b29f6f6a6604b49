import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { finished, pipeline } from "node:stream/promises";
import { Command, Option } from "commander";
import { sql } from "drizzle-orm";
import { parse } from "yaml";
import type { Database } from "@/db/client";
import { busiestTenants } from "@/db/queries/decisions";
import { notifyInstances } from "@/db/queries/perm-version";
import { decisionLogSettings } from "@/lib/permissions/decision-log";
import { remoteApi } from "./backend";
import { progress, runCommand, userPath } from "./run";

/**
 * The operator commands beside `policy` (docs/operations.md): legacy menus, the permission cache,
 * the audit log, a users import and a configuration check. They act on the database the server
 * uses — as `--as <email>` in `--tenant <slug>` where a user's authority applies, through the same
 * services as the API — or on a server (`--url` with an API key), through its API: the same
 * services behind the route, with the key's creator's current authority. `cache` is the exception
 * (see cacheCommand).
 */
export interface OpsDeps {
  /** The server's database, set up (pending migrations applied); refuses a PGlite folder a running server holds. */
  database(): Promise<Database>;
  /** The database as it is, nothing applied (doctor). */
  rawDatabase(): Promise<Database>;
  /** Closes what `database`/`rawDatabase` opened (a test's database outlives the command). */
  release(database: Database): Promise<void>;
}

export const serverDatabase: OpsDeps = {
  async database() {
    const { refuseHeldPglite } = await import("./local");
    refuseHeldPglite();
    const { getDatabase } = await import("@/db");
    return getDatabase();
  },
  async rawDatabase() {
    const { refuseHeldPglite } = await import("./local");
    refuseHeldPglite();
    const { openFromEnv } = await import("@/db/client");
    return openFromEnv();
  },
  release: (database) => database.close(),
};

interface Acting {
  as?: string;
  tenant?: string;
  json?: boolean;
}

function acting(command: Command) {
  return command
    .option("--as <email>", "the user who acts (their permissions apply)")
    .option("--tenant <slug>", "the tenant")
    .option("--json", "machine-readable output");
}

interface Remote extends Acting {
  url?: string;
  key?: string;
}

/** `--url` with an API key: the command talks to that server's API instead of the database. */
function remotable(command: Command) {
  return acting(command)
    .option("--url <url>", "a Gatehouse server to talk to (else the database the server uses)")
    .option("--key <key>", "the API key for --url (default: GATEHOUSE_API_KEY)");
}

/** Runs `fn` with the database and the acting user's service context. */
async function asUser<T>(
  deps: OpsDeps,
  o: Acting,
  fn: (ctx: import("@/lib/services/context").ServiceContext) => Promise<T>,
): Promise<T> {
  if (!o.as || !o.tenant) throw new Error("Say who acts and where: --as <email> --tenant <slug>.");
  const database = await deps.database();
  try {
    const { actingAs } = await import("./local");
    return await fn(await actingAs(database.db, o.as, o.tenant));
  } finally {
    await deps.release(database);
  }
}

const print = (o: { json?: boolean }, value: unknown, lines: () => string[]) => {
  if (o.json) console.log(JSON.stringify(value, null, 2));
  else for (const l of lines()) console.log(l);
};

// ---- migrate-legacy-menus -------------------------------------------------------------------------

export function migrateLegacyMenusCommand(deps: OpsDeps = serverDatabase) {
  return remotable(new Command("migrate-legacy-menus"))
    .description("grant the UI permissions mapped from each role's legacy menu permissions (idempotent)")
    .option("--mapping <file>", "a JSON or YAML mapping {menu: [codes]} instead of the catalog's")
    .option("--dry-run", "say what would be granted, write nothing")
    .action((o: Remote & { mapping?: string; dryRun?: boolean }) =>
      runCommand(o, async () => {
        const file = o.mapping ? (parse(await readFile(userPath(o.mapping), "utf8")) as unknown) : undefined;
        let result: import("@/lib/services/legacy-menus").LegacyMigration;
        if (o.url)
          // The server checks the mapping (POST /api/v1/policy/legacy-menus): its refusal names the field.
          result = await remoteOf(o)(
            "POST",
            `/api/v1/policy/legacy-menus${o.dryRun ? "?dry_run=true" : ""}`,
            file === undefined ? {} : { mapping: file },
          );
        else {
          const { DEFAULT_LEGACY_MAPPING, migrateLegacyMenus } = await import("@/lib/services/legacy-menus");
          const { legacyMenuMapping } = await import("@/lib/validation/policy");
          const mapping = file === undefined ? DEFAULT_LEGACY_MAPPING : legacyMenuMapping.parse(file);
          result = await asUser(deps, o, (ctx) => migrateLegacyMenus(ctx, mapping, { dryRun: !!o.dryRun }));
        }
        print(o, result, () => [
          ...result.roles.map(
            (r) =>
              `${r.role} (legacy ${r.legacy.join(", ")}): + ${r.added.join(", ")}${r.approvals.length ? ` · awaiting approval: ${r.approvals.join(", ")}` : ""}`,
          ),
          ...result.skipped.map((s) => `${s.role}: skipped, ${s.reason}`),
          ...(result.missing_codes.length
            ? [`Not in the catalog (not granted): ${result.missing_codes.join(", ")}`]
            : []),
          `${result.roles.length} role${result.roles.length === 1 ? "" : "s"} ${result.dry_run ? "would change (dry run: nothing written)" : "changed"} · perm_version ${result.perm_version}`,
        ]);
        return 0;
      }),
    );
}

// ---- cache warm | clear ---------------------------------------------------------------------------

/**
 * `cache` has no `--url`: warming or dropping every instance's cache is a platform act (it reaches
 * every tenant's entries), and an API key is never a platform super-admin. It takes the option
 * only to say so (a usage error, exit 2), rather than commander's bare "unknown option".
 */
const NO_REMOTE_CACHE =
  "cache works on the database's change channel, never over --url: it reaches every tenant's cache, and an API key never acts as a platform super-admin. Run it where DATABASE_URL reaches the server's database (every instance listens there).";
const noRemote = (command: Command) =>
  command.option("--url <url>", "not offered (see docs/operations.md)").option("--key <key>", "not offered");

export function cacheCommand(deps: OpsDeps = serverDatabase) {
  const cache = new Command("cache").description("the permission cache of every running instance (the change channel)");
  noRemote(cache.command("warm"))
    .description("have every instance compile the busiest tenants' policies and load their busiest users")
    .option("--tenants <n>", "how many tenants (busiest first)", positive, 20)
    .option("--users <n>", "users per tenant (busiest first, at most 100)", positive, 100)
    .option("--days <n>", "busiest over the last n days", positive, 7)
    .option("--json", "machine-readable output")
    .action((o: { tenants: number; users: number; days: number; json?: boolean; url?: string }) =>
      runCommand(o, async () => {
        if (o.url) throw new Error(NO_REMOTE_CACHE);
        const database = await deps.database();
        try {
          const from = new Date(Date.now() - (o.days - 1) * 86_400_000).toISOString().slice(0, 10);
          const busiest = await busiestTenants(database.db, from, o.tenants, Math.min(o.users, 100));
          for (const t of busiest)
            await notifyInstances(database.db, { warm: { tenant_id: t.tenantId, user_ids: t.userIds } });
          const result = {
            tenants: busiest.map((t) => ({ tenant_id: t.tenantId, checks: t.checks, users: t.userIds.length })),
          };
          print(o, result, () => [
            ...busiest.map((t) => `${t.tenantId}: ${t.userIds.length} users (${t.checks.toLocaleString("en")} checks)`),
            busiest.length
              ? `Asked every instance to warm ${busiest.length} tenant${busiest.length === 1 ? "" : "s"}.`
              : `No checks in the last ${o.days} days: nothing to warm.`,
          ]);
          return 0;
        } finally {
          await deps.release(database);
        }
      }),
    );
  noRemote(cache.command("clear"))
    .description("drop every instance's cached policies and users (they are read again on the next question)")
    .option("--json", "machine-readable output")
    .action((o: { json?: boolean; url?: string }) =>
      runCommand(o, async () => {
        if (o.url) throw new Error(NO_REMOTE_CACHE);
        const database = await deps.database();
        try {
          // The message a global catalog change sends: every instance flushes all it holds.
          await notifyInstances(database.db, { all: true });
          print(o, { cleared: true }, () => ["Asked every instance to drop its permission cache."]);
          return 0;
        } finally {
          await deps.release(database);
        }
      }),
    );
  return cache;
}

function positive(v: string) {
  if (!/^[1-9]\d*$/.test(v)) throw new Error(`${v} is not a positive whole number`);
  return Number(v);
}

// ---- audit verify | export ------------------------------------------------------------------------

interface AuditWhere extends Acting {
  url?: string;
  key?: string;
  scope?: "tenant" | "platform";
}

function auditWhere(command: Command) {
  return acting(command)
    .option("--url <url>", "a Gatehouse server to talk to (else the database the server uses)")
    .option("--key <key>", "the API key for --url (default: GATEHOUSE_API_KEY)")
    .addOption(new Option("--scope <scope>", "the tenant's chain or the platform's").choices(["tenant", "platform"]));
}

function remoteOf(o: Remote) {
  const key = o.key ?? process.env.GATEHOUSE_API_KEY;
  if (!key) throw new Error("--url needs an API key: --key, or GATEHOUSE_API_KEY.");
  return remoteApi(o.url!, key);
}

export function auditCommand(deps: OpsDeps = serverDatabase) {
  const audit = new Command("audit").description("the audit log's hash chain");
  auditWhere(audit.command("verify"))
    .description("recompute the chain: exit 1 when an entry was altered")
    .action((o: AuditWhere) =>
      runCommand(o, async () => {
        const scope = o.scope ?? "tenant";
        const result = o.url
          ? await remoteOf(o)<{ ok: boolean; checked: number; first_broken_id: string | null }>(
              "GET",
              `/api/v1/audit/verify?scope=${scope}`,
            )
          : await asUser(deps, o, async (ctx) =>
              (await import("@/lib/services/audit-log")).verifyTenantAudit(ctx, { scope }),
            );
        print(o, result, () => [
          result.ok
            ? `Chain intact: ${result.checked.toLocaleString("en")} entries checked.`
            : `Chain broken at entry ${result.first_broken_id} (${result.checked.toLocaleString("en")} checked).`,
        ]);
        return result.ok ? 0 : 1;
      }),
    );
  auditWhere(audit.command("export"))
    .description("write the log, streamed: CSV (oldest first) or JSON lines (newest first, as the API lists)")
    .addOption(new Option("--format <format>", "csv or jsonl").choices(["csv", "jsonl"]).default("csv"))
    .option("-o, --output <file>", "write to a file (default: standard output)")
    .option("--from <instant>", "entries at or after (ISO 8601)")
    .option("--to <instant>", "entries at or before (ISO 8601)")
    .option("--action <action>", "only this action")
    .action(
      (o: AuditWhere & { format: "csv" | "jsonl"; output?: string; from?: string; to?: string; action?: string }) =>
        runCommand(o, async () => {
          const filters = Object.fromEntries(
            Object.entries({ from: o.from, to: o.to, action: o.action, scope: o.scope }).filter(
              ([, v]) => v !== undefined,
            ),
          ) as Record<string, string>;
          const out = o.output ? (await import("node:fs")).createWriteStream(userPath(o.output)) : process.stdout;
          const bar = progress(o.format === "csv" ? "bytes" : "entries", !o.output);
          const write = (chunk: string | Uint8Array) =>
            new Promise<void>((resolve, reject) => out.write(chunk, (e) => (e ? reject(e) : resolve())));
          if (o.format === "csv") {
            let body: ReadableStream<Uint8Array>;
            if (o.url)
              body = (await remoteOf(o).raw(`/api/v1/audit?${new URLSearchParams(filters)}`, "text/csv")).body!;
            else {
              const { exportAuditCsv } = await import("@/lib/services/audit-log");
              const { auditQuery } = await import("@/lib/validation/audit");
              // The database stays open while the stream is read: released after it.
              body = await asUserStreaming(deps, o, (ctx) =>
                exportAuditCsv(ctx, auditQuery.parse(filters)).then((d) => d.body),
              );
            }
            const counted = Readable.fromWeb(body as never).on("data", (c: Buffer) => bar.add(c.length));
            if (o.output) await pipeline(counted, out);
            else for await (const chunk of counted) await write(chunk as Buffer);
          } else {
            const page = async (cursor: string | null) => {
              const q = { ...filters, limit: "200", ...(cursor ? { cursor } : {}) };
              if (o.url)
                return remoteOf(o)<{ data: unknown[]; next_cursor: string | null }>(
                  "GET",
                  `/api/v1/audit?${new URLSearchParams(q)}`,
                );
              const { listAudit } = await import("@/lib/services/audit-log");
              const { auditQuery } = await import("@/lib/validation/audit");
              return asUser(deps, o, (ctx) => listAudit(ctx, auditQuery.parse(q)));
            };
            let cursor: string | null = null;
            do {
              const p: { data: unknown[]; next_cursor: string | null } = await page(cursor);
              await write(p.data.map((e) => `${JSON.stringify(e)}\n`).join(""));
              bar.add(p.data.length);
              cursor = p.next_cursor;
            } while (cursor);
            if (o.output) {
              out.end();
              await finished(out);
            }
          }
          bar.done();
          return 0;
        }),
    );
  return audit;
}

/** `asUser` for a stream: the database is released when the stream ends or fails. */
async function asUserStreaming(
  deps: OpsDeps,
  o: Acting,
  fn: (ctx: import("@/lib/services/context").ServiceContext) => Promise<ReadableStream<Uint8Array>>,
): Promise<ReadableStream<Uint8Array>> {
  if (!o.as || !o.tenant) throw new Error("Say who acts and where: --as <email> --tenant <slug>.");
  const database = await deps.database();
  const { actingAs } = await import("./local");
  let body: ReadableStream<Uint8Array>;
  try {
    body = await fn(await actingAs(database.db, o.as, o.tenant));
  } catch (error) {
    await deps.release(database);
    throw error;
  }
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          await deps.release(database);
        } else controller.enqueue(value);
      } catch (error) {
        controller.error(error);
        await deps.release(database);
      }
    },
  });
}

// ---- users import ---------------------------------------------------------------------------------

export function usersCommand(deps: OpsDeps = serverDatabase) {
  const users = new Command("users").description("members of a tenant");
  remotable(users.command("import"))
    .description("add members from CSV (header email,name,roles; roles separated by ;), all or nothing")
    .argument("<file>", "the CSV file")
    .option("--dry-run", "say what would be done, write nothing")
    .action((file: string, o: Remote & { dryRun?: boolean }) =>
      runCommand(o, async () => {
        const csv = await readFile(userPath(file), "utf8");
        let result: import("@/lib/services/users-import").UsersImport;
        if (o.url)
          result = await remoteOf(o)("POST", `/api/v1/users/import${o.dryRun ? "?dry_run=true" : ""}`, { csv });
        else {
          const { importUsers } = await import("@/lib/services/users-import");
          result = await asUser(deps, o, (ctx) => importUsers(ctx, csv, { dryRun: !!o.dryRun }));
        }
        const count = (k: string) => result.rows.filter((r) => r.outcome === k).length;
        print(o, result, () => [
          ...result.rows.map(
            (r) => `line ${r.line}: ${r.email} ${r.outcome}${r.roles.length ? ` (${r.roles.join(", ")})` : ""}`,
          ),
          `${count("created")} created · ${count("invited")} invited · ${count("exists")} already there${result.dry_run ? " (dry run: nothing written)" : ` · perm_version ${result.perm_version}`}`,
        ]);
        return 0;
      }),
    );
  return users;
}

// ---- doctor ---------------------------------------------------------------------------------------

export interface Finding {
  check: string;
  ok: boolean;
  detail: string;
}

/** Checks the configuration the server would start with, and says what is wrong in words. */
export async function diagnose(
  deps: OpsDeps,
  env: Record<string, string | undefined> = process.env,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const add = (check: string, ok: boolean, detail: string) => findings.push({ check, ok, detail });
  const postgres = !!env.DATABASE_URL;

  // The secret signs sessions and cursors: all instances must share it, and it must not change.
  const secret = env.AUTH_SECRET;
  const dataDir = path.resolve(env.GATEHOUSE_DATA_DIR ?? path.join(process.cwd(), ".data"));
  if (secret && secret.length >= 32) add("secret", true, "AUTH_SECRET is set.");
  else if (secret)
    add("secret", false, `AUTH_SECRET is only ${secret.length} characters: use at least 32 random ones.`);
  else if (postgres)
    add(
      "secret",
      false,
      "AUTH_SECRET is not set: each instance would make its own, so a session signed by one is refused by another. Set the same value on every instance.",
    );
  else if (existsSync(path.join(dataDir, "auth-secret")))
    add(
      "secret",
      true,
      `Kept in ${path.join(dataDir, "auth-secret")} (fine for one instance; set AUTH_SECRET for several).`,
    );
  else
    add(
      "secret",
      true,
      "Not set yet: the first start makes one in .data/auth-secret (set AUTH_SECRET for several instances).",
    );

  for (const [name, read] of [
    ["trusted proxies", () => import("@/lib/http/client-ip").then((m) => m.trustedProxies(env.TRUSTED_PROXIES))],
    ["rate limits", () => import("@/lib/http/rate-limit").then((m) => m.settingsFromEnv(env))],
    ["decision log", async () => decisionLogSettings(env)],
  ] as const) {
    try {
      await read();
      add(
        name,
        true,
        name === "trusted proxies" && !env.TRUSTED_PROXIES
          ? "TRUSTED_PROXIES not set: client IPs are the socket's."
          : "Parses.",
      );
    } catch (error) {
      add(name, false, (error as Error).message);
    }
  }

  let database: Database;
  try {
    database = await deps.rawDatabase();
  } catch (error) {
    const refusal = (await import("./backend")).refusalOf(error);
    add("database", false, `Cannot open it: ${refusal?.problem.detail ?? (error as Error).message}`);
    return findings;
  }
  try {
    add("database", true, postgres ? "PostgreSQL answers." : "PGlite folder opened.");
    const journal = JSON.parse(
      readFileSync(path.join(process.cwd(), "db", "migrations", "meta", "_journal.json"), "utf8"),
    ) as { entries: { tag: string }[] };
    let applied = 0;
    try {
      const { rowsOf } = await import("@/db/client");
      applied = Number(
        rowsOf<{ n: number }>(
          await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
        )[0]?.n ?? 0,
      );
    } catch {
      applied = 0;
    }
    const pending = journal.entries.slice(applied).map((e) => e.tag);
    add(
      "migrations",
      pending.length === 0,
      pending.length === 0
        ? `All ${journal.entries.length} applied.`
        : `${pending.length} not applied: ${pending.join(", ")}. The server applies them when it starts (or: npm run db:migrate).`,
    );

    // LISTEN: the permission cache hears every change through it.
    const heard = await new Promise<boolean>((resolve) => {
      const channel = "gatehouse_doctor";
      const timer = setTimeout(() => resolve(false), 3000);
      database
        .listen(channel, () => {
          clearTimeout(timer);
          resolve(true);
        })
        .then(async (unlisten) => {
          await database.db.execute(sql`select pg_notify(${channel}, 'ping')`);
          setTimeout(() => void unlisten().catch(() => undefined), 3100).unref();
        })
        .catch(() => {
          clearTimeout(timer);
          resolve(false);
        });
    });
    add(
      "listen",
      heard,
      heard
        ? "A NOTIFY came back: instances hear each other's changes."
        : "LISTEN/NOTIFY did not come back within 3 s: behind a transaction-pooling proxy (PgBouncer) LISTEN does not work; connect the server directly.",
    );

    if (postgres) {
      try {
        await database.db.execute(sql`select 1 from rate_limits limit 1`);
        add("rate-limit store", true, "The rate_limits table answers.");
      } catch (error) {
        add("rate-limit store", false, `The rate_limits table does not answer: ${(error as Error).message}`);
      }
    } else add("rate-limit store", true, "In memory (PGlite: one process).");
  } finally {
    await deps.release(database);
  }
  return findings;
}

/** What doctor cannot see from outside: the server's environment and its database connection. */
export const NOT_CHECKED_REMOTELY = [
  "secret",
  "trusted proxies",
  "rate limits",
  "decision log",
  "migrations",
  "listen",
  "rate-limit store",
] as const;

/** The routes this command line's `--url` commands call: a server without one is older than it. */
const REMOTE_ROUTES = [
  "/api/v1/policy",
  "/api/v1/policy/legacy-menus",
  "/api/v1/users/import",
  "/api/v1/audit",
  "/api/v1/audit/verify",
];

/**
 * doctor over `--url`: what a server shows from outside — it answers and reaches its database
 * (/api/health), the API key is accepted, the server has the routes this command line calls
 * (its OpenAPI document), and its clock agrees with ours (keys and sessions expire by it). The
 * rest is its environment and database connection, which only `doctor` on its host can see.
 */
export async function diagnoseRemote(url: string, key: string | undefined): Promise<Finding[]> {
  const findings: Finding[] = [];
  const add = (check: string, ok: boolean, detail: string) => findings.push({ check, ok, detail });
  const base = url.replace(/\/+$/, "");
  let health: Response;
  try {
    health = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    add("server", false, `${base} does not answer: ${(error as Error).message}.`);
    return findings;
  }
  const body = (await health.json().catch(() => null)) as { ok?: boolean; db?: string } | null;
  if (!body || typeof body.ok !== "boolean") {
    add(
      "server",
      false,
      `${base}/api/health answered ${health.status} without a health report: is this a Gatehouse server?`,
    );
    return findings;
  }
  add("server", true, `${base} answers.`);
  add(
    "database",
    body.ok,
    body.ok
      ? `The server reaches its database (${body.db === "postgres" ? "PostgreSQL" : "PGlite"}).`
      : "The server cannot reach its database (health answered 503).",
  );
  const date = Date.parse(health.headers.get("date") ?? "");
  if (Number.isFinite(date)) {
    const skew = Math.round((Date.now() - date) / 1000);
    add(
      "clock",
      Math.abs(skew) <= 300,
      Math.abs(skew) <= 300
        ? "The server's clock agrees with this one."
        : `The server's clock is ${Math.abs(skew)} s ${skew > 0 ? "behind" : "ahead of"} this one: keys and sessions expire by it.`,
    );
  }
  if (!key) add("api key", false, "No API key (--key, or GATEHOUSE_API_KEY): the --url commands need one.");
  else {
    // Any route a read key may call: 401 is the key refused (unknown, revoked, expired), 403 a missing scope.
    const res = await fetch(`${base}/api/v1/plans`, { headers: { authorization: `Bearer ${key}` } });
    add(
      "api key",
      res.ok,
      res.ok
        ? "The key is accepted (read scope)."
        : res.status === 401
          ? "The key is refused (401): unknown, revoked or expired."
          : `The key has no read scope (${res.status}): policy export and audit need read; writes need write.`,
    );
  }
  const doc = await fetch(`${base}/api/v1/openapi.json`)
    .then((r) => (r.ok ? (r.json() as Promise<{ paths?: Record<string, unknown> }>) : null))
    .catch(() => null);
  const missing = doc?.paths ? REMOTE_ROUTES.filter((p) => !(p in doc.paths!)) : null;
  add(
    "api",
    missing !== null && missing.length === 0,
    missing === null
      ? "The server's OpenAPI document could not be read."
      : missing.length === 0
        ? "The server has every route the --url commands call."
        : `The server lacks ${missing.join(", ")}: it is older than this command line.`,
  );
  return findings;
}

export function doctorCommand(deps: OpsDeps = serverDatabase) {
  return new Command("doctor")
    .description("check the configuration: secret, migrations, LISTEN, trusted proxies, rate limits")
    .option("--url <url>", "check a running server from outside (what it shows over HTTP)")
    .option("--key <key>", "the API key for --url (default: GATEHOUSE_API_KEY)")
    .option("--json", "machine-readable output")
    .action((o: { json?: boolean; url?: string; key?: string }) =>
      runCommand(o, async () => {
        const findings = o.url
          ? await diagnoseRemote(o.url, o.key ?? process.env.GATEHOUSE_API_KEY)
          : await diagnose(deps);
        const ok = findings.every((f) => f.ok);
        const unchecked = o.url ? [...NOT_CHECKED_REMOTELY] : [];
        print(o, o.url ? { ok, findings, not_checked: unchecked } : { ok, findings }, () => [
          ...findings.map((f) => `${f.ok ? "ok  " : "FAIL"} ${f.check}: ${f.detail}`),
          ...(unchecked.length
            ? [
                `Not checked over --url (the server's environment and database connection): ${unchecked.join(", ")}. Run gatehouse doctor on the server's host for them.`,
              ]
            : []),
          ok ? "Everything looks right." : `${findings.filter((f) => !f.ok).length} problem(s) found.`,
        ]);
        return ok ? 0 : 1;
      }),
    );
}

/** Every operator command but `policy`, for main.ts. */
export const opsCommands = (deps: OpsDeps = serverDatabase) => [
  migrateLegacyMenusCommand(deps),
  cacheCommand(deps),
  auditCommand(deps),
  usersCommand(deps),
  doctorCommand(deps),
];
