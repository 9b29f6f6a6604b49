import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rowsOf } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { generateApiKey } from "@/lib/auth/api-keys";
import { buildOpenApi } from "./openapi";
import { fakeSession } from "./testing/fake-session";
import {
  type Call,
  closeWorld,
  driver,
  invoke,
  openWorld,
  type Persona,
  signIn,
  signOut,
  type World,
} from "./testing/harness";
import {
  anyType,
  applyMutation,
  arbitraryOf,
  type Hints,
  hostileString,
  type JsonSchema,
  mutation,
  toJson,
} from "./testing/json-schema-arbitrary";

/**
 * The contract fuzzer (issue 11, "prove it stays closed"): for every operation of the OpenAPI
 * document, fast-check generates requests — valid shapes from the operation's own JSON Schema,
 * then bent: fields dropped, unknown and `__proto__` keys, wrong types, hostile strings (NUL,
 * lone surrogates, 200 kB), deep nesting, forged ids (random, another tenant's, not UUIDs) and
 * forged cursors — as each kind of caller, and holds the API to three promises:
 *   1. no 5xx, ever;
 *   2. every 4xx is application/problem+json whose `status` is the HTTP status (a 400 lists the
 *      invalid fields, each with its path: `body.name`, `query.cursor`);
 *   3. a refused request changes nothing: every tenant's perm_version and every audit chain (the
 *      tenants' and the platform's) are as before — except the one `access.denied` entry a
 *      refused write (403 on an unsafe method) is audited with (docs/design.md §6).
 * Replay a failure with the seed it prints: FUZZ_SEED=<seed> npx vitest run lib/api/contract-fuzz.test.ts
 * (FUZZ_RUNS: runs per operation; FUZZ_BUDGET_SECONDS: the wall time they share; FUZZ_VERBOSE=1
 * prints every request's answer).
 */

vi.mock("@/lib/auth", async () => (await import("@/lib/api/testing/fake-session")).fakeAuth);
vi.mock("next/headers", async () => (await import("@/lib/api/testing/fake-session")).fakeHeaders);

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const RUNS = Number(process.env.FUZZ_RUNS ?? 50);
/** Wall time for all operations together, shared out evenly; FUZZ_BUDGET_SECONDS=0 runs every run. */
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_SECONDS ?? 45) * 1000;
const REPLAY = `FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} npx vitest run lib/api/contract-fuzz.test.ts`;

const { routes } = await import("@/app/api/v1/openapi.json/routes");

interface Parameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  schema: JsonSchema;
}
interface Operation {
  method: string;
  /** As in routes.ts: `/api/v1/roles/[id]`. */
  pattern: string;
  parameters: Parameter[];
  body: JsonSchema | undefined;
  /** Users only (`keys: false`) or public: no API key is tried as the caller. */
  sessionOnly: boolean;
}

// The event streams answer 200 with a response that never ends (they hold a LISTEN subscription
// until the client hangs up): nothing to assert on but their headers. Their refusals are the
// wrapper's, which every other route exercises; responses.test.ts reads their first event, and
// e2e/sdk.spec.ts the sync stream's refusals (scope, creator's authority, a revoked key).
const STREAMING = new Set(["GET /api/v1/me/stream", "GET /api/v1/sync/stream"]);

const document = buildOpenApi(routes) as unknown as {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters: Parameter[];
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
        security: unknown[];
      }
    >
  >;
};
const operations: Operation[] = Object.entries(document.paths)
  .flatMap(([openPath, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      pattern: openPath.replace(/\{([^}]+)\}/g, "[$1]"),
      parameters: op.parameters ?? [],
      body: op.requestBody?.content["application/json"]?.schema,
      sessionOnly: op.security.length < 2,
    })),
  )
  .filter((op) => !STREAMING.has(`${op.method} ${op.pattern}`));

type Caller = "anonymous" | Persona | "key:check" | "key:read" | "key:write";
const KEY_CALLERS: Caller[] = ["key:check", "key:read", "key:write"];
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

let world: World;
/** The seeded world's ids and codes; `protectedIds` are what the personas stand on (below). */
const w = {
  acme: "",
  globex: "",
  idsByTable: {} as Record<string, string[]>,
  protectedIds: new Set<string>(),
  codes: [] as string[],
  emails: [] as string[],
  /** A real next_cursor of each list, by its route. */
  cursors: {} as Record<string, string>,
  sites: [] as string[],
  resources: [] as string[],
  keys: {} as Record<"check" | "read" | "write" | "revoked", string>,
};
/** Per operation: how often each status was answered, for the summary. */
const tally = new Map<string, Map<number, number>>();
let requests = 0;

async function addKey(name: string, scopes: string[], revoked = false) {
  const { key, prefix, secretHash } = generateApiKey();
  const [admin] = rowsOf<{ id: string }>(
    await world.database.db.execute(sql`select id from users where email = 'admin@acme.test'`),
  );
  const [row] = await world.database.db
    .insert(apiKeys)
    .values({
      tenantId: w.acme,
      name,
      prefix,
      secretHash,
      scopes,
      createdBy: admin!.id,
      revokedAt: revoked ? new Date() : null,
    })
    .returning({ id: apiKeys.id });
  w.protectedIds.add(row!.id);
  return key;
}

const column = async (query: ReturnType<typeof sql>) =>
  rowsOf<{ v: string }>(await world.database.db.execute(query)).map((r) => String(r.v));

beforeAll(async () => {
  vi.stubEnv("AUTH_SECRET", "contract-fuzz-secret-not-used-anywhere-else");
  // Budgets are not under test here: a 429 would only hide what the request would have met.
  vi.stubEnv("RATE_LIMIT_CHECK_PER_MINUTE", "1000000");
  world = await openWorld();
  console.info(`Contract fuzz (${driver}): seed ${SEED}, ${RUNS} runs per operation. Replay: ${REPLAY}`);
  w.acme = (await column(sql`select id as v from tenants where slug = 'acme'`))[0]!;
  w.globex = (await column(sql`select id as v from tenants where slug = 'globex'`))[0]!;
  w.keys = {
    check: await addKey("fuzz check", ["check"]),
    read: await addKey("fuzz read", ["read"]),
    write: await addKey("fuzz write", ["write"]),
    revoked: await addKey("fuzz revoked", ["read", "write"], true),
  };
  for (const table of TABLES)
    w.idsByTable[table] = await column(sql.raw(`select id::text as v from ${table} t order by ${ORDER_OF[table]}, id`));
  // What the personas stand on: their users, tenants, the tenants' plans, their roles and what
  // those grant, and the fuzzer's own keys. A write that lands on them (disable the admin, delete
  // the member's role, empty Acme's plan) is legitimate, but would leave the rest of the run
  // refused at the door; writes aim at everything else.
  const personas = sql`select id from users where email in ('admin@acme.test', 'member@acme.test', 'super@gatehouse.test', 'admin@globex.test')`;
  for (const id of [
    ...(await column(sql`select id::text as v from users where id in (${personas})`)),
    ...(await column(sql`select role_id::text as v from user_roles where user_id in (${personas})`)),
    ...(await column(
      sql`select permission_id::text as v from role_grants where role_id in (select role_id from user_roles where user_id in (${personas}))`,
    )),
    ...(await column(sql`select plan_id::text as v from tenants where id in (${w.acme}::uuid, ${w.globex}::uuid)`)),
    w.acme,
    w.globex,
  ])
    w.protectedIds.add(id);
  w.codes = await column(sql`select distinct code as v from permissions order by code`);
  w.emails = await column(sql`select email as v from users order by email`);
  w.resources = await column(sql`select resource as v from menu_items order by resource`);
  w.sites = ["S-1001", "S-1002", "J-2001", "J-2002"];
  // Real cursors of every list, to be handed to the others.
  await signIn(world, "superAdmin", w.acme);
  for (const list of [
    "roles",
    "users",
    "approvals",
    "audit",
    "permissions",
    "modules",
    "menu-items",
    "templates",
    "tenants",
  ]) {
    const res = await invoke(world, { method: "GET", pattern: `/api/v1/${list}`, query: { limit: 1 } });
    const cursor = res.ok ? ((await res.json()) as { next_cursor?: string | null }).next_cursor : null;
    if (cursor) w.cursors[`/api/v1/${list}`] = cursor;
  }
  signOut();
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await closeWorld(world);
  const lines = [...tally].map(
    ([op, statuses]) =>
      `  ${op}: ${[...statuses]
        .sort(([a], [b]) => a - b)
        .map(([s, n]) => `${s}×${n}`)
        .join(" ")}`,
  );
  console.info(`Contract fuzz (${driver}): ${requests} requests, seed ${SEED}. Replay: ${REPLAY}\n${lines.join("\n")}`);
});

const junkId = fc.oneof(
  fc.constantFrom(
    "1",
    "0",
    "-1",
    "null",
    "undefined",
    "missing",
    "not-a-uuid",
    "00000000-0000-0000-0000-00000000000g",
    "%2e%2e",
  ),
  hostileString,
  fc.uuid().map((u) => u.toUpperCase()),
  fc.uuid().map((u) => `${u} `),
  fc.uuid().map((u) => u.replace(/-/g, "")),
);

/** The table a path segment or a field's ids are rows of. */
const TABLE_OF: Record<string, string> = {
  roles: "roles",
  role_id: "roles",
  role_ids: "roles",
  parent_ids: "roles",
  from_role_id: "roles",
  users: "users",
  user_id: "users",
  actor_id: "users",
  templates: "templates",
  plans: "plans",
  plan_id: "plans",
  tenants: "tenants",
  tenant_id: "tenants",
  approvals: "approval_requests",
  "api-keys": "api_keys",
  permissions: "permissions",
  modules: "modules",
  module_id: "modules",
  parent_id: "modules",
  "menu-items": "menu_items",
  menu_item_ids: "menu_items",
  invitations: "invitations",
  invitation_id: "invitations",
  sessions: "sessions",
};
const TABLES = [...new Set(Object.values(TABLE_OF))];
/**
 * Each table's rows in an order that does not depend on their random ids, so that a seed picks
 * the same rows again on replay (`t` is the row; a tenant is known by its slug).
 */
const slugOf = (column: string) => `coalesce((select slug from tenants s where s.id = t.${column}), '')`;
const ORDER_OF: Record<string, string> = {
  tenants: "slug",
  users: "email",
  roles: `${slugOf("tenant_id")}, name`,
  permissions: `${slugOf("tenant_id")}, code`,
  templates: `${slugOf("tenant_id")}, name`,
  plans: "code",
  approval_requests: `${slugOf("tenant_id")}, created_at, status`,
  api_keys: `${slugOf("tenant_id")}, name`,
  modules: "code",
  menu_items: "resource",
  invitations: `${slugOf("tenant_id")}, email`,
  sessions: "created_at",
};

/**
 * Ids for a field (or the path segment before a path parameter): mostly rows of its own table
 * (of every tenant), sometimes of another table, a random UUID, the nil or max UUID. Writes aim
 * past what the personas stand on.
 */
function idsFor(method: string, name: string): fc.Arbitrary<string> {
  const usable = (ids: string[]) => (SAFE.has(method) ? ids : ids.filter((id) => !w.protectedIds.has(id)));
  const all = usable(Object.values(w.idsByTable).flat());
  const own = usable(w.idsByTable[TABLE_OF[name] ?? ""] ?? []);
  return fc.oneof(
    { weight: own.length ? 8 : 0, arbitrary: fc.constantFrom(...(own.length ? own : all)) },
    { weight: 2, arbitrary: fc.constantFrom(...all) },
    { weight: 1, arbitrary: fc.uuid({ version: 4 }) },
    fc.constantFrom("00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff"),
  );
}

/** A forged id: a real one of the wrong kind or tenant, random, or not a UUID at all. */
const forgedId = (method: string) => fc.oneof({ weight: 2, arbitrary: idsFor(method, "") }, junkId);

function hintsFor(op: Operation): Hints {
  const code = fc.constantFrom(...w.codes);
  const byName: Record<string, fc.Arbitrary<unknown>> = {
    code,
    codes: fc.array(code, { maxLength: 4 }),
    grant: fc.array(code, { maxLength: 4 }),
    revoke: fc.array(code, { maxLength: 4 }),
    version: fc.integer({ min: 1, max: 4 }),
    min_perm_version: fc.integer({ min: 0, max: 10 }),
    cursor: fc.constantFrom(...(w.cursors[op.pattern] ? [w.cursors[op.pattern]!] : Object.values(w.cursors))),
    ids: fc.array(fc.constantFrom(...w.sites), { minLength: 1, maxLength: 3 }),
    site_id: fc.constantFrom(...w.sites),
    widgets: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
  };
  return {
    uuid: (name) => idsFor(op.method, name),
    email: fc.constantFrom(...w.emails),
    byName: (name) => byName[name],
  };
}

interface Variants<T> {
  valid: fc.Arbitrary<T>;
  bent: fc.Arbitrary<T>;
}

function paramsOf(op: Operation): Variants<Record<string, string>> {
  const params = op.parameters.filter((p) => p.in === "path");
  const forged = forgedId(op.method);
  // `/api/v1/roles/[id]/users/...`: the segment before a parameter names its table.
  const segment = (p: Parameter) => (op.pattern.split(`[${p.name}]`)[0] ?? "").split("/").filter(Boolean).at(-1) ?? "";
  const validOf = (p: Parameter): fc.Arbitrary<string> => {
    const valid = idsFor(op.method, segment(p));
    if (p.schema.format === "uuid") return valid;
    if (p.name === "ref") return fc.oneof(valid, fc.constantFrom(...w.codes));
    if (p.name === "resource") return fc.constantFrom(...w.resources);
    if (p.name === "id") return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...w.sites) }, valid);
    return valid;
  };
  const record = (of: (p: Parameter) => fc.Arbitrary<string>) =>
    fc.record(Object.fromEntries(params.map((p) => [p.name, of(p)]))) as fc.Arbitrary<Record<string, string>>;
  return { valid: record(validOf), bent: record(() => fc.oneof(forged, junkId)) };
}

const forgedCursor = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...Object.values(w.cursors)),
    fc.constantFrom(...Object.values(w.cursors)).map((c) => `${c.slice(0, -2)}AA`),
    fc
      .tuple(fc.constantFrom(...Object.values(w.cursors)), fc.constantFrom(...Object.values(w.cursors)))
      .map(([a, b]) => `${a.split(".")[0]}.${b.split(".")[1]}`),
    fc.base64String({ maxLength: 60 }),
    fc.jsonValue({ maxDepth: 2 }).map((v) => `${Buffer.from(JSON.stringify(v) ?? "").toString("base64url")}.x`),
    fc.constantFrom("", ".", "a.b.c", "..", "x".repeat(501)),
    hostileString,
  );

function queryOf(op: Operation): Variants<Record<string, string>> {
  const hints = hintsFor(op);
  const forged = forgedId(op.method);
  const params = op.parameters.filter((p) => p.in === "query");
  const valid = fc.record(
    Object.fromEntries(params.map((p) => [p.name, arbitraryOf(p.schema, hints, p.name).map((v) => String(v))])),
    { requiredKeys: [] },
  ) as fc.Arbitrary<Record<string, string>>;
  const bentValue = (name: string) =>
    fc.oneof(
      hostileString,
      forged,
      name === "cursor"
        ? forgedCursor()
        : fc.constantFrom("", "0", "-1", "201", "1.5", "1e3", "abc", "true", "9".repeat(400)),
    );
  // One parameter bent at a time: several at once would mostly test the first one zod reports.
  const names = [...params.map((p) => p.name), "tenant_id", "__proto__", "limit[]", ""];
  const bent = fc
    .tuple(valid, fc.constantFrom(...names))
    .chain(([query, name]) => bentValue(name).map((value) => ({ ...query, [name]: value })));
  return { valid, bent };
}

type Body = string | Uint8Array<ArrayBuffer> | undefined;

/** The JSON text (or bytes) of a body, or undefined for none. */
function bodyOf(op: Operation): Variants<Body> {
  if (SAFE.has(op.method)) return { valid: fc.constant(undefined), bent: fc.constant(undefined) };
  const raw = fc.oneof(
    fc.constantFrom("", "{", "null", "[]", '"text"', "1e309", '{"a":1,"a":2}', "\uFEFF{}", "{}".padEnd(1_000_100, " ")),
    fc.constantFrom(
      new Uint8Array([0xff, 0xfe]),
      new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x22, 0x7d]),
    ),
  );
  if (!op.body) return { valid: fc.constant(undefined), bent: fc.oneof(raw, anyType.map(toJson)) };
  const valid = arbitraryOf(op.body, hintsFor(op));
  const bent = fc
    .tuple(valid, fc.array(mutation(forgedId(op.method)), { minLength: 1, maxLength: 3 }))
    .map(([value, mutations]) => mutations.reduce(applyMutation, value));
  return { valid: valid.map(toJson), bent: fc.oneof({ weight: 6, arbitrary: bent.map(toJson) }, raw) };
}

interface Door {
  /** The X-Tenant-Id a signed-in caller sends: their own tenant ("own"), another, junk, or none. */
  tenant: string | undefined;
  /** An Authorization header that replaces the caller's: revoked, forged, malformed. */
  authorization: string | undefined;
  origin: string | null | undefined;
}

function doorOf(): Variants<Door> {
  const bent = fc.oneof(
    fc.record({
      tenant: fc.constantFrom(w.acme, w.globex, undefined, "6f1c2a9e-0b4d-4e4f-9a51-3c1d2e7f8a90", "not-a-uuid"),
      authorization: fc.constant(undefined),
      origin: fc.constant(undefined),
    }),
    fc.record({
      tenant: fc.constant("own"),
      authorization: fc.constantFrom(
        `Bearer ${w.keys.revoked}`,
        "Bearer gh_forged",
        "Bearer",
        "Basic YWRtaW46YWRtaW4=",
        `Bearer ${w.keys.write}x`,
      ),
      origin: fc.constant(undefined),
    }),
    fc.record({
      tenant: fc.constant("own"),
      authorization: fc.constant(undefined),
      origin: fc.constantFrom(null, "http://evil.test", "null", "::", "http://gatehouse.test.evil.test"),
    }),
  );
  return { valid: fc.constant({ tenant: "own", authorization: undefined, origin: undefined }), bent };
}

interface Sent extends Door {
  caller: Caller;
  accept: string | undefined;
  params: Record<string, string>;
  query: Record<string, string>;
  body: Body;
}

/** Mostly callers who get past the door (the handlers are where the bugs are), every kind often enough. */
function callerOf(op: Operation): fc.Arbitrary<Caller> {
  const weighted: [Caller, number][] = [
    ["admin", 5],
    ["superAdmin", 4],
    ["member", 2],
    ["globex", 1],
    ["anonymous", 1],
    ...(op.sessionOnly ? [] : KEY_CALLERS.map((k): [Caller, number] => [k, 1])),
  ];
  return fc.oneof(...weighted.map(([caller, weight]) => ({ weight, arbitrary: fc.constant(caller) })));
}

/**
 * A request with at most one part bent (the door, the path, the query or the body): a request
 * bent everywhere is refused by the first check and never reaches the deeper ones.
 */
function requestOf(op: Operation): fc.Arbitrary<Sent> {
  const parts = { door: doorOf(), params: paramsOf(op), query: queryOf(op), body: bodyOf(op) };
  const bending = (part: keyof typeof parts | null) =>
    fc
      .record({
        caller: callerOf(op),
        accept: fc.option(fc.constantFrom("text/csv", "application/json", "*/*", "text/html;q=x, */*;q=0"), {
          nil: undefined,
        }),
        door: part === "door" ? parts.door.bent : parts.door.valid,
        params: part === "params" ? parts.params.bent : parts.params.valid,
        query: part === "query" ? parts.query.bent : parts.query.valid,
        body: part === "body" ? parts.body.bent : parts.body.valid,
      })
      .map(({ door, ...rest }) => ({ ...door, ...rest }));
  const hasPath = op.parameters.some((p) => p.in === "path");
  const weighted: [keyof typeof parts | null, number][] = [
    [null, 3],
    ["door", 1],
    ["params", hasPath ? 1 : 0],
    ["query", 1],
    ["body", op.body || !SAFE.has(op.method) ? 4 : 0],
  ];
  return fc.oneof(
    ...weighted.filter(([, weight]) => weight > 0).map(([part, weight]) => ({ weight, arbitrary: bending(part) })),
  );
}

interface ChainState {
  versions: Map<string, string>;
  chains: Map<string, { count: number; top: number }>;
}

/** Every tenant's perm_version and every audit chain's length and last seq (the platform's too). */
async function stateOf(): Promise<ChainState> {
  const db = world.database.db;
  const versions = rowsOf<{ id: string; v: string }>(
    await db.execute(sql`select id::text as id, perm_version::text as v from tenants`),
  );
  const chains = rowsOf<{ chain: string; count: number; top: number }>(
    await db.execute(
      sql`select coalesce(tenant_id::text, 'platform') as chain, count(*)::int as count, coalesce(max(seq), 0)::int as top from audit_entries group by 1`,
    ),
  );
  return {
    versions: new Map(versions.map((r) => [r.id, String(r.v)])),
    chains: new Map(chains.map((r) => [r.chain, { count: Number(r.count), top: Number(r.top) }])),
  };
}

/** What the request changed although it was refused, or [] (a refused write's own `access.denied` is expected). */
async function changesOf(before: ChainState, after: ChainState, method: string, status: number): Promise<string[]> {
  const changes: string[] = [];
  for (const [id, version] of before.versions)
    if (after.versions.get(id) !== version)
      changes.push(`tenant ${id}: perm_version ${version} → ${after.versions.get(id)}`);
  const added: { chain: string; action: string }[] = [];
  for (const [chain, now] of after.chains) {
    const was = before.chains.get(chain) ?? { count: 0, top: 0 };
    if (now.count === was.count && now.top === was.top) continue;
    const tenant = chain === "platform" ? sql`tenant_id is null` : sql`tenant_id = ${chain}::uuid`;
    const actions = await world.database.db.execute(
      sql`select action from audit_entries where ${tenant} and seq > ${was.top} order by seq`,
    );
    added.push(...rowsOf<{ action: string }>(actions).map((r) => ({ chain, action: r.action })));
    if (now.count - was.count !== rowsOf(actions).length)
      changes.push(`audit chain ${chain}: an entry at or below seq ${was.top} changed`);
  }
  const deniedWrite = status === 403 && !SAFE.has(method);
  const expected = deniedWrite && added.length === 1 && added[0]!.action === "access.denied" ? 1 : 0;
  if (added.length > expected)
    changes.push(`audit entries added: ${added.map((a) => `${a.chain} ${a.action}`).join(", ")}`);
  return changes;
}

const clip = (text: unknown, n = 300) => {
  const s =
    typeof text === "string"
      ? text
      : text instanceof Uint8Array
        ? `<bytes ${[...text].join(",")}>`
        : JSON.stringify(text);
  return s && s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s;
};

async function send(op: Operation, sent: Sent): Promise<void> {
  signOut();
  fakeSession.cookies.clear();
  let authorization = sent.authorization;
  if (sent.caller.startsWith("key:"))
    authorization ??= `Bearer ${w.keys[sent.caller.slice(4) as "check" | "read" | "write"]}`;
  else if (sent.caller !== "anonymous") {
    const own = sent.caller === "globex" ? w.globex : w.acme;
    await signIn(world, sent.caller as Persona, sent.tenant === "own" ? own : sent.tenant);
  }
  const call: Call = {
    method: op.method,
    pattern: op.pattern,
    params: sent.params,
    query: sent.query,
    rawBody: sent.body,
    accept: sent.accept,
    origin: sent.origin,
    authorization,
  };
  const before = await stateOf();
  const res = await invoke(world, call);
  const text = await res.text();
  requests += 1;
  if (process.env.FUZZ_VERBOSE)
    console.info(`${op.method} ${op.pattern} as ${sent.caller} → ${res.status} ${text.slice(0, 160)}`);
  const key = `${op.method} ${op.pattern}`;
  const statuses = tally.get(key) ?? new Map<number, number>();
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  tally.set(key, statuses);

  const problems: string[] = [];
  if (res.status >= 500) problems.push(`answered ${res.status}`);
  if (res.status >= 400 && res.status < 500) {
    const type = res.headers.get("content-type") ?? "";
    if (!type.startsWith("application/problem+json")) problems.push(`a ${res.status} as ${type || "no content type"}`);
    let body: { status?: unknown; title?: unknown; detail?: unknown; errors?: unknown } = {};
    try {
      body = JSON.parse(text);
    } catch {
      problems.push(`a ${res.status} whose body is not JSON`);
    }
    if (body.status !== res.status) problems.push(`a ${res.status} whose body says status ${String(body.status)}`);
    if (typeof body.title !== "string" || typeof body.detail !== "string")
      problems.push("a problem without title or detail");
    if (res.status === 400) {
      const errors = body.errors as { path?: unknown; message?: unknown }[] | undefined;
      const fieldPath = /^(body|query|path)(\.|$)/;
      if (!Array.isArray(errors) || errors.length === 0) problems.push("a 400 without `errors`");
      else if (
        errors.some((e) => typeof e.path !== "string" || !fieldPath.test(e.path) || typeof e.message !== "string")
      )
        problems.push("a 400 whose `errors` lack field paths");
    }
    problems.push(...(await changesOf(before, await stateOf(), op.method, res.status)));
  }
  if (problems.length)
    throw new Error(
      [
        `${key} as ${sent.caller}: ${problems.join("; ")}`,
        `  tenant ${sent.tenant}, authorization ${clip(sent.authorization, 40)}, origin ${sent.origin}, accept ${sent.accept}`,
        `  params ${clip(sent.params)} query ${clip(sent.query)}`,
        `  body ${clip(sent.body)}`,
        `  answer ${res.status} ${clip(text, 600)}`,
        `  replay: ${REPLAY}`,
      ].join("\n"),
    );
}

describe(`the API stays closed under fuzzing (${driver}, seed ${SEED})`, () => {
  // The budget is shared out as the run goes: an operation gets an even share of what is left, so
  // a slow one early does not starve the rest. Past its share, an operation's remaining runs are
  // still generated (the same seed gives the same requests) but not sent, after a minimum.
  const MIN_SENT = 2;

  it("the oracle: it sees a perm_version bump and an audit entry, and lets a refused write's access.denied pass", async () => {
    const before = await stateOf();
    await world.database.db.execute(sql`update tenants set perm_version = perm_version + 1 where id = ${w.acme}::uuid`);
    expect(await changesOf(before, await stateOf(), "GET", 404)).toHaveLength(1);
    const quiet = await stateOf();
    await signIn(world, "member", w.acme);
    const refused = await invoke(world, { method: "POST", pattern: "/api/v1/roles", rawBody: '{"name":"Oracle"}' });
    expect(refused.status).toBe(403);
    const after = await stateOf();
    expect(await changesOf(quiet, after, "POST", 403)).toEqual([]);
    expect(await changesOf(quiet, after, "POST", 400)).toEqual([expect.stringContaining("access.denied")]);
    expect(await changesOf(quiet, after, "GET", 403)).toEqual([expect.stringContaining("access.denied")]);
  });

  let deadline = 0;
  beforeAll(() => {
    deadline = Date.now() + BUDGET_MS;
  });
  operations.forEach((op, index) => {
    it(`${op.method} ${op.pattern}`, async () => {
      const share = BUDGET_MS > 0 ? Math.max(0, deadline - Date.now()) / (operations.length - index) : Infinity;
      const until = Date.now() + share;
      let sent = 0;
      let failed = false; // once one has failed, every shrunk candidate is sent, whatever the time
      await fc.assert(
        fc.asyncProperty(requestOf(op), async (request) => {
          if (!failed && sent >= MIN_SENT && Date.now() > until) return;
          sent += 1;
          await send(op, request).catch((error) => {
            failed = true;
            throw error;
          });
        }),
        { seed: SEED, numRuns: RUNS },
      );
    }, 120_000);
  });
});
