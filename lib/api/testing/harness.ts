import { findLiveSession, insertSession } from "@/db/queries/sessions";
import { findUserByEmail } from "@/db/queries/users";
import { seed } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { RouteEntry, RouteModule } from "@/lib/api/openapi";
import { CLIENT_IP_HEADER, stampFor } from "@/lib/http/client-ip";
import { fakeSession } from "./fake-session";

/**
 * Calls the route handlers of the OpenAPI document in-process, as Next calls them: the real
 * wrapper, services and database (the seeded demo world), with only the session faked
 * (fake-session.ts, which the test file mocks `@/lib/auth` and `next/headers` with).
 */

export const HOST = "gatehouse.test";
export const driver = process.env.DATABASE_URL ? "postgres" : "pglite";
const DATABASE_KEY = Symbol.for("gatehouse.database");
const LIVE_SESSIONS_KEY = Symbol.for("gatehouse.live-sessions");

export interface World {
  database: TestDatabase;
  routes: RouteEntry[];
  moduleOf: Map<string, RouteModule>;
}

/** A fresh seeded database that the services reach through db/index.ts, and the route table. */
export async function openWorld(): Promise<World> {
  const database = await createTestDatabase();
  await seed(database.db);
  (globalThis as Record<symbol, unknown>)[DATABASE_KEY] = Promise.resolve(database);
  const { routes } = await import("@/app/api/v1/openapi.json/routes");
  return { database, routes, moduleOf: new Map(routes.map((r) => [r.path, r.module])) };
}

export async function closeWorld(world: World | undefined) {
  delete (globalThis as Record<symbol, unknown>)[DATABASE_KEY];
  delete (globalThis as Record<symbol, unknown>)[LIVE_SESSIONS_KEY];
  sessionIds.clear();
  signOut();
  await world?.database.destroy();
}

export type Persona = "admin" | "superAdmin" | "member" | "globex" | "lead";
export const PERSONA_EMAILS: Record<Persona, string> = {
  admin: "admin@acme.test",
  lead: "lead@acme.test",
  superAdmin: "super@gatehouse.test",
  member: "member@acme.test",
  globex: "admin@globex.test",
};

/** One recorded session per persona (as a sign-in makes), made again once a request has ended it. */
const sessionIds = new Map<string, string>();

/** Signs `who` in with a live recorded session, acting in `tenantId` (the X-Tenant-Id header). */
export async function signIn(world: World, who: Persona, tenantId: string | undefined) {
  const { db } = world.database;
  const user = await findUserByEmail(db, PERSONA_EMAILS[who]);
  if (!user) throw new Error(`The persona ${who} (${PERSONA_EMAILS[who]}) no longer exists`);
  let sessionId = sessionIds.get(user.id);
  if (!sessionId || !(await findLiveSession(db, sessionId, user.id))) {
    const expiresAt = new Date(Date.now() + 3_600_000);
    sessionId = (await insertSession(db, { userId: user.id, expiresAt, userAgent: "vitest", ip: null })).id;
    sessionIds.set(user.id, sessionId);
  }
  fakeSession.user = { id: user.id, sessionVersion: user.sessionVersion, sessionId };
  fakeSession.tenantId = tenantId;
}

/** Nobody signed in. */
export function signOut() {
  fakeSession.user = null;
  fakeSession.tenantId = undefined;
}

export interface Call {
  method: string;
  /** The route's path as in routes.ts, e.g. `/api/v1/roles/[id]`. */
  pattern: string;
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (JSON that is not, too large, not UTF-8), instead of `body`. */
  rawBody?: string | Uint8Array<ArrayBuffer>;
  accept?: string;
  /** The `Origin` header: by default this site's, as a browser sends with a cookie-authenticated write; null: none. */
  origin?: string | null;
  /** `Bearer gh_…`: an API key instead of the session. */
  authorization?: string;
  /** Any other request headers (`if-match`…). */
  headers?: Record<string, string>;
}

type Handler = (r: Request, s: { params: Promise<Record<string, string>> }) => Promise<Response>;

export function handlerOf(world: World, method: string, pattern: string): Handler {
  const handler = world.moduleOf.get(pattern)?.[method] as Handler | undefined;
  if (!handler) throw new Error(`No ${method} handler for ${pattern} in routes.ts`);
  return handler;
}

/**
 * A path segment as a client's bytes: percent-encoded UTF-8, and a lone surrogate (which
 * `encodeURIComponent` refuses) as the three bytes a hostile client could still send for it.
 */
function pathSegment(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    const pair = unit >= 0xd800 && unit <= 0xdbff && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair) {
      out += encodeURIComponent(value.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff)
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join("");
    else out += encodeURIComponent(value[i] as string);
  }
  return out;
}

/** Calls the route's exported handler as Next does (a Request and the segment params), as whoever is signed in. */
export function invoke(world: World, c: Call): Promise<Response> {
  const url = new URL(
    `http://${HOST}${c.pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => pathSegment(c.params?.[name] ?? "missing"))}`,
  );
  for (const [k, v] of Object.entries(c.query ?? {})) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = {
    ...c.headers,
    "x-forwarded-host": HOST,
    "user-agent": "vitest",
    [CLIENT_IP_HEADER]: stampFor("203.0.113.7"),
  };
  const origin = c.origin === undefined ? `http://${HOST}` : c.origin;
  if (origin !== null) headers.origin = origin;
  if (c.accept) headers.accept = c.accept;
  if (c.authorization) headers.authorization = c.authorization;
  const body = c.rawBody ?? (c.body === undefined ? undefined : JSON.stringify(c.body));
  if (body !== undefined) headers["content-type"] = "application/json";
  return handlerOf(
    world,
    c.method,
    c.pattern,
  )(new Request(url, { method: c.method, headers, body }), {
    params: Promise.resolve(c.params ?? {}),
  });
}
