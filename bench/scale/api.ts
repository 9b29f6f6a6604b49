/**
 * The scale bench's HTTP side: a keep-alive client (node:http, lighter than fetch, so the client
 * adds little to a millisecond), the demo admin's sign-in through Auth.js credentials, and the
 * API key every measure uses.
 */
import { Agent, request } from "node:http";
import { DEMO_PASSWORD, PERSONAS } from "../../db/seed/world";

const agent = new Agent({ keepAlive: true, maxSockets: 16 });
/** A sample may wait tens of seconds for a whole-tenant reload today; a hung server must not hang the bench. */
const TIMEOUT_MS = 300_000;

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
  ms: number;
}

export function call<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  options: { body?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const payload =
    options.form !== undefined
      ? new URLSearchParams(options.form).toString()
      : options.body !== undefined
        ? JSON.stringify(options.body)
        : undefined;
  const headers: Record<string, string> = { ...options.headers };
  if (payload !== undefined) {
    headers["content-type"] = options.form ? "application/x-www-form-urlencoded" : "application/json";
    headers["content-length"] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(`${base}${path}`, { method, headers, agent, timeout: TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const ms = performance.now() - t0;
        const text = Buffer.concat(chunks).toString("utf8");
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : {};
        } catch {
          // not JSON (a redirect, an HTML error page): keep the text
        }
        resolve({ status: res.statusCode ?? 0, body: body as T, headers: res.headers, ms });
      });
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`${method} ${base}${path}: no answer in ${TIMEOUT_MS / 1000} s`)));
    req.on("error", reject);
    req.end(payload);
  });
}

/** Fails loudly with the answer's body when the status is not the expected one. */
export function expectStatus<T>(answer: Answer<T>, ok: number[], what: string): Answer<T> {
  if (!ok.includes(answer.status))
    throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`);
  return answer;
}

/** Signs in as the demo tenant admin through the Auth.js credentials callback; the session's cookies. */
async function signInAdmin(base: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (headers: Answer["headers"]) => {
    const set = headers["set-cookie"] ?? [];
    for (const c of Array.isArray(set) ? set : [set]) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = expectStatus(await call<{ csrfToken: string }>(base, "GET", "/api/auth/csrf"), [200], "csrf token");
  keep(csrf.headers);
  const signedIn = await call(base, "POST", "/api/auth/callback/credentials", {
    form: {
      csrfToken: csrf.body.csrfToken,
      email: PERSONAS.tenantAdmin.email,
      password: DEMO_PASSWORD,
      callbackUrl: "/",
    },
    headers: { cookie: cookie() },
  });
  keep(signedIn.headers);
  if (![...jar.keys()].some((k) => k.endsWith("authjs.session-token")))
    throw new Error(`sign-in as ${PERSONAS.tenantAdmin.email} failed: HTTP ${signedIn.status}`);
  return cookie();
}

/** A new API key of the demo tenant admin with the check, read and write scopes; its secret. */
export async function createApiKey(base: string): Promise<string> {
  const cookie = await signInAdmin(base);
  const created = await call<{ secret: string }>(base, "POST", "/api/v1/api-keys", {
    body: { name: `bench:scale ${new Date().toISOString()}`, scopes: ["check", "read", "write"] },
    headers: { cookie, origin: base },
  });
  return expectStatus(created, [201], "creating the API key").body.secret;
}

export interface CheckAnswer {
  granted: boolean;
  reason: string;
  perm_version: number;
}

/** POST /api/v1/check with the key, timed by the client. */
export async function check(
  base: string,
  key: string,
  userId: string,
  code: string,
  minPermVersion?: number,
): Promise<Answer<CheckAnswer>> {
  const body = { user_id: userId, code, ...(minPermVersion === undefined ? {} : { min_perm_version: minPermVersion }) };
  const answer = await call<CheckAnswer>(base, "POST", "/api/v1/check", {
    body,
    headers: { authorization: `Bearer ${key}` },
  });
  return expectStatus(answer, [200], `check ${code} for ${userId} on ${base}`);
}

/** A write with the key; the tenant's new perm_version it answers with. */
export async function write<T extends { perm_version: number }>(
  base: string,
  key: string,
  method: string,
  path: string,
  body: unknown,
): Promise<Answer<T>> {
  const answer = await call<T>(base, method, path, { body, headers: { authorization: `Bearer ${key}` } });
  return expectStatus(answer, [200], `${method} ${path}`);
}
