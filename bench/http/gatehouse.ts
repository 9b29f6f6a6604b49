/**
 * Gatehouse for the HTTP bench: built when the build is missing or older than the sources,
 * started through `npm start` (whatever that is: `next start` today, a custom server tomorrow) on
 * a fresh PGlite folder, and prepared through its own API as the demo's tenant admin would: sign
 * in, create a `check` API key, find the demo user and the codes the checks will ask about.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { DEMO_PASSWORD, PERSONAS } from "../../db/seed/world";
import { type Child, start, waitUntilUp } from "./children";

export { buildStaleness } from "../../scripts/build-if-stale";

/** The check rate limit for the bench (the default, 6,000 a minute, would answer 429s within a second). */
export const BENCH_CHECK_RATE_LIMIT = 1_000_000_000;
export const PGLITE_DIR = ".data/bench-http";

/** Who is checked and for what: the demo member holds this code through the role, nothing else. */
export const CHECKED = { user: PERSONAS.member, role: "Field Engineer", code: "sites.detail.tabs.meters" } as const;
export const BULK_SIZE = 50;

export async function startGatehouse(port: number): Promise<{ child: Child; url: string }> {
  rmSync(PGLITE_DIR, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    PGLITE_DIR: path.resolve(PGLITE_DIR),
    RATE_LIMIT_CHECK_PER_MINUTE: String(BENCH_CHECK_RATE_LIMIT),
    // The floor row (server.mjs): POST /__bench/floor answers a fixed JSON before any Gatehouse code.
    GATEHOUSE_BENCH_FLOOR: "1",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // The embedded database, always: a fresh folder per run, nothing shared with anyone.
  delete env.DATABASE_URL;
  // BENCH_CPU_PROF=<dir>: the server runs as `npm start` does, under V8's profiler, which writes
  // a .cpuprofile there when the bench stops it (open it in Chrome's DevTools or speedscope).
  const profile = process.env.BENCH_CPU_PROF;
  const [command, args] = profile
    ? ["node", ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profile)}`, "server.mjs"]]
    : ["npm", ["start"]];
  const child = start("gatehouse", command, args, env, path.resolve(".data/bench-http-gatehouse.log"));
  const url = `http://127.0.0.1:${port}`;
  // Healthy = migrated and seeded with the demo world (instrumentation.ts), ready to answer.
  await waitUntilUp(child, `${url}/api/health`, 180_000);
  return { child, url };
}

/** A cookie jar of one session: name=value pairs from Set-Cookie, sent back as Cookie. */
export class Cookies {
  private readonly jar = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      if (at > 0) this.jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }
  header(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  has(name: string): boolean {
    return this.jar.has(name);
  }
}

async function expectStatus(response: Response, status: number, what: string): Promise<void> {
  if (response.status !== status)
    throw new Error(`${what}: expected ${status}, got ${response.status}: ${(await response.text()).slice(0, 500)}`);
}

/** Signs in through Auth.js's credentials callback (CSRF token first), as the sign-in form does. */
export async function signIn(url: string, email: string): Promise<Cookies> {
  const cookies = new Cookies();
  const csrf = await fetch(`${url}/api/auth/csrf`);
  await expectStatus(csrf, 200, "GET /api/auth/csrf");
  cookies.take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signedIn = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.header() },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, callbackUrl: `${url}/` }),
  });
  cookies.take(signedIn);
  const location = signedIn.headers.get("location") ?? "";
  if (signedIn.status !== 302 || location.includes("error") || !cookies.has("authjs.session-token"))
    throw new Error(`signing in as ${email} failed: ${signedIn.status} → ${location}`);
  return cookies;
}

export interface Prepared {
  apiKey: string;
  apiKeyPrefix: string;
  userId: string;
  /** The bulk check's codes: every code the user holds through the role unconditionally, then codes they do not hold. */
  bulkCodes: string[];
  /** Which of them the user holds (through the role). */
  bulkGranted: string[];
}

interface UserPermission {
  code: string;
  granted: boolean;
  reason: string;
  via?: { kind: string; role?: string; scope?: string };
}

export async function prepareGatehouse(url: string): Promise<Prepared> {
  const admin = PERSONAS.tenantAdmin.email;
  const cookies = await signIn(url, admin);
  // A cookie-authenticated write must come from the site's own origin (the CSRF check).
  const headers = { cookie: cookies.header(), origin: url, "content-type": "application/json" };
  const created = await fetch(`${url}/api/v1/api-keys`, {
    method: "POST",
    headers,
    body: JSON.stringify({ name: "bench:http", scopes: ["check"] }),
  });
  await expectStatus(created, 201, `POST /api/v1/api-keys as ${admin}`);
  const key = (await created.json()) as { secret: string; prefix: string };

  const email = CHECKED.user.email;
  const found = await fetch(`${url}/api/v1/users?${new URLSearchParams({ search: email })}`, { headers });
  await expectStatus(found, 200, "GET /api/v1/users");
  const user = ((await found.json()) as { data: { id: string; email: string }[] }).data.find((u) => u.email === email);
  if (!user) throw new Error(`the demo user ${email} is not in the seeded tenant`);

  const listed = await fetch(`${url}/api/v1/users/${user.id}/permissions`, { headers });
  await expectStatus(listed, 200, "GET /api/v1/users/{id}/permissions");
  const permissions = ((await listed.json()) as { data: UserPermission[] }).data;
  // Through the role and without a condition (team or personal scope): what a plain RBAC policy says.
  const plain = (p: UserPermission) =>
    p.granted &&
    p.reason === "role" &&
    p.via?.role === CHECKED.role &&
    ["global", "organization"].includes(p.via.scope!);
  const single = permissions.find((p) => p.code === CHECKED.code);
  if (!single || !plain(single))
    throw new Error(`${email} does not hold ${CHECKED.code} through ${CHECKED.role}: ${JSON.stringify(single)}`);
  const granted = permissions
    .filter(plain)
    .map((p) => p.code)
    .sort();
  const denied = permissions
    .filter((p) => !p.granted && p.reason === "none")
    .map((p) => p.code)
    .sort();
  const bulkCodes = [...granted, ...denied].slice(0, BULK_SIZE);
  if (bulkCodes.length < BULK_SIZE) throw new Error(`only ${bulkCodes.length} codes to check in bulk`);
  return {
    apiKey: key.secret,
    apiKeyPrefix: key.prefix,
    userId: user.id,
    bulkCodes,
    bulkGranted: granted.filter((c) => bulkCodes.includes(c)),
  };
}
