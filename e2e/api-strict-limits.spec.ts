import { request as httpRequest } from "node:http";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { PERSONAS, signedInPage } from "./support/personas";
import { sameOrigin, sameOriginJson } from "./support/same-origin";

/**
 * The API's limits (docs/api.md, issue 4): bodies of at most 1,000,000 bytes (413), bulk bodies of at
 * most 500 items (400 naming the field), and no query parameter a route does not document (400
 * naming it) — on every route, through HTTP.
 */
const MAX_BODY_BYTES = 1_000_000;
const SAMPLE = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
type Problem = { status: number; title: string; errors?: { path: string; message: string }[] };

async function cookieHeader(page: Page) {
  return (await page.context().cookies(baseURL)).map((c) => `${c.name}=${c.value}`).join("; ");
}

/**
 * A raw POST through node:http, so the test decides the framing: `chunks` are written one by one
 * (chunked transfer encoding: no Content-Length) unless `contentLength` is declared; with `end:
 * false` the body is never finished — only an answer that does not wait for it can arrive.
 */
function rawPost(
  path: string,
  headers: Record<string, string>,
  chunks: Buffer[],
  options: { contentLength?: number; end?: boolean } = {},
) {
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const url = new URL(path, baseURL);
    const req = httpRequest(
      // A connection of its own (no keep-alive pool): the server may close one whose body it refused.
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: "POST",
        agent: false,
        headers: {
          ...headers,
          ...(options.contentLength !== undefined
            ? { "content-length": String(options.contentLength) }
            : { "transfer-encoding": "chunked" }),
        },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (body += d));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"] ?? ""), body });
          req.destroy();
        });
      },
    );
    // The server may stop reading (and close) once it has refused the body: its answer may still be on its way.
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (["EPIPE", "ECONNRESET"].includes(error.code ?? "")) setTimeout(() => reject(error), 5_000).unref();
      else reject(error);
    });
    const write = async () => {
      for (const chunk of chunks) {
        if (req.destroyed) return;
        await new Promise<void>((done) => (req.write(chunk) ? done() : req.once("drain", done)));
      }
      if (options.end !== false && !req.destroyed) req.end();
    };
    void write();
  });
}

/** A role body whose description makes it `bytes` long; "é" is 2 bytes in UTF-8, so it has far fewer characters than bytes. */
function roleBody(bytes: number) {
  const empty = Buffer.byteLength(JSON.stringify({ name: `Big ${stamp()}`, description: "" }));
  const text = "é".repeat(Math.floor((bytes - empty) / 2));
  const json = JSON.stringify({ name: `Big ${stamp()}`, description: text });
  return Buffer.from(json + " ".repeat(Math.max(0, bytes - Buffer.byteLength(json))));
}
const split = (buffer: Buffer, size = 64 * 1024) =>
  Array.from({ length: Math.ceil(buffer.length / size) }, (_, i) => buffer.subarray(i * size, (i + 1) * size));

test.describe("body size (bytes, not characters)", () => {
  test("a body over 1,000,000 bytes is 413 problem+json: from Content-Length at once, and while reading a chunked body", async ({
    browser,
  }) => {
    const admin = await signedInPage(browser, PERSONAS.tenantAdmin.email);
    const headers = { cookie: await cookieHeader(admin), ...sameOriginJson };

    // Declared too large: refused before the body is read — the rest of it never comes, yet the answer does.
    const declared = await rawPost("/api/v1/roles", headers, [Buffer.from('{"name": "')], {
      contentLength: 5_000_000,
      end: false,
    });
    expect(declared.status).toBe(413);
    expect(declared.type).toContain("application/problem+json");
    expect(JSON.parse(declared.body)).toMatchObject({ status: 413, title: "Payload too large" });

    // Through Playwright (which declares the length): 1,200,000 bytes in about 600,000 characters.
    const big = roleBody(1_200_000);
    expect(big.toString("utf8").length).toBeLessThan(MAX_BODY_BYTES);
    const res = await admin.request.post("/api/v1/roles", {
      headers: sameOriginJson,
      data: big,
    });
    expect(res.status()).toBe(413);
    expect(res.headers()["content-type"]).toContain("application/problem+json");

    // No Content-Length at all (chunked): the bytes are counted as they arrive. Fewer than a million
    // characters but 1,400,000 bytes — counting characters would have let it through to validation (400).
    const chunked = await rawPost("/api/v1/roles", headers, split(roleBody(1_400_000)));
    expect(chunked.status).toBe(413);
    expect(chunked.type).toContain("application/problem+json");
    expect(JSON.parse(chunked.body)).toMatchObject({ status: 413 });

    // Just under the limit, chunked: read in full and validated (the description is far too long: 400, not 413).
    const under = await rawPost("/api/v1/roles", headers, split(roleBody(MAX_BODY_BYTES - 10)));
    expect(under.status).toBe(400);
    expect((JSON.parse(under.body) as Problem).errors?.map((e) => e.path)).toContain("body.description");

    // A small chunked body works like any other.
    const name = `Chunked ${stamp()}`;
    const small = await rawPost("/api/v1/roles", headers, split(Buffer.from(JSON.stringify({ name })), 4));
    expect(small.status).toBe(201);
    expect(JSON.parse(small.body)).toMatchObject({ name });
    await admin.close();
  });
});

async function expectFieldError(res: Awaited<ReturnType<APIRequestContext["get"]>>, path: string) {
  expect(res.status(), await res.text()).toBe(400);
  expect(res.headers()["content-type"]).toContain("application/problem+json");
  const problem = (await res.json()) as Problem;
  expect(problem.errors?.map((e) => e.path)).toContain(path);
}

test.describe("bulk bodies: at most 500 items", () => {
  test("501 codes, grants, template entries or menu items → 400 naming the field; the matrix counts every change together", async ({
    browser,
  }) => {
    const admin = await signedInPage(browser, PERSONAS.tenantAdmin.email);
    const api = admin.request;
    const codes = (n: number) => Array.from({ length: n }, (_, i) => `strict.bulk.c${i}`);
    const role = await (
      await api.post("/api/v1/roles", { headers: sameOrigin, data: { name: `Bulk ${stamp()}` } })
    ).json();
    expect(role.id).toBeTruthy();

    // The check route: 500 is fine, 501 is not.
    expect((await api.post("/api/v1/check/bulk", { headers: sameOrigin, data: { codes: codes(500) } })).status()).toBe(
      200,
    );
    await expectFieldError(
      await api.post("/api/v1/check/bulk", { headers: sameOrigin, data: { codes: codes(501) } }),
      "body.codes",
    );

    // Role grants: replace (PUT), add (POST), remove (DELETE), create.
    const grants = codes(501).map((code) => ({ code }));
    await expectFieldError(
      await api.put(`/api/v1/roles/${role.id}/permissions`, {
        headers: sameOrigin,
        data: { version: role.version, permissions: grants },
      }),
      "body.permissions",
    );
    await expectFieldError(
      await api.post(`/api/v1/roles/${role.id}/permissions`, {
        headers: sameOrigin,
        data: { version: role.version, codes: codes(501) },
      }),
      "body.codes",
    );
    await expectFieldError(
      await api.delete(`/api/v1/roles/${role.id}/permissions`, {
        headers: sameOrigin,
        data: { version: role.version, codes: codes(501) },
      }),
      "body.codes",
    );
    await expectFieldError(
      await api.post("/api/v1/roles", { headers: sameOrigin, data: { name: `Bulk ${stamp()}`, permissions: grants } }),
      "body.permissions",
    );

    // The matrix: two changes of 300 codes each are 600 in one transaction.
    const changes = [
      { role_id: role.id, version: role.version, grant: codes(300) },
      { role_id: SAMPLE, version: 1, revoke: codes(600).slice(300) },
    ];
    await expectFieldError(
      await api.patch("/api/v1/matrix", { headers: sameOrigin, data: { changes } }),
      "body.changes",
    );

    // Templates and user overrides.
    const entries = Object.fromEntries(codes(501).map((c) => [c, "allow"]));
    await expectFieldError(
      await api.post("/api/v1/templates", {
        headers: sameOrigin,
        data: { name: `Bulk ${stamp()}`, permissions: entries },
      }),
      "body.permissions",
    );
    const me = await (await api.get("/api/v1/me")).json();
    await expectFieldError(
      await api.put(`/api/v1/users/${me.user.id}/permissions`, {
        headers: sameOrigin,
        data: { permissions: codes(501).map((code) => ({ code, effect: "inherit" })) },
      }),
      "body.permissions",
    );

    // Plan features: validated before the super-admin check, so the tenant admin sees the 400 too.
    const ids = Array.from({ length: 501 }, (_, i) => `7c9e6679-7425-40de-944b-${String(i).padStart(12, "0")}`);
    await expectFieldError(
      await api.put(`/api/v1/plans/${SAMPLE}/features`, { headers: sameOrigin, data: { menu_item_ids: ids } }),
      "body.menu_item_ids",
    );

    // Nothing of it was written.
    const after = await (await api.get(`/api/v1/roles/${role.id}`)).json();
    expect(after.version).toBe(role.version);
    expect(after.permissions).toEqual([]);
    await admin.close();
  });
});

/** Path parameters: a permission code where the route takes one, else a well-formed id (unknown ids answer after the query is parsed). */
function concrete(openPath: string) {
  return openPath
    .replace(/\{ref\}\/(dependencies|explain|holders)/, "sites.list.view/$1")
    .replace(/\{[^}]+\}/g, SAMPLE);
}

test.describe("query parameters: only the documented ones", () => {
  test("every GET of the OpenAPI document refuses an unknown query key (?tenant_id=) with 400 naming query.tenant_id", async ({
    browser,
    request,
  }) => {
    const doc = await (await request.get("/api/v1/openapi.json")).json();
    const paths = Object.entries(doc.paths as Record<string, Record<string, { security?: unknown[] }>>)
      .filter(([path, ops]) => path.startsWith("/api/v1/") && ops.get && ops.get.security?.length)
      .map(([path]) => path);
    expect(paths.length).toBeGreaterThan(25);
    const superAdmin = await signedInPage(browser, PERSONAS.superAdmin.email);
    const refused: string[] = [];
    for (const path of paths) {
      const res = await superAdmin.request.get(`${concrete(path)}?tenant_id=${SAMPLE}`);
      const problem = res.headers()["content-type"]?.includes("problem+json") ? ((await res.json()) as Problem) : null;
      if (res.status() === 400 && problem?.errors?.some((e) => e.path === "query.tenant_id")) refused.push(path);
      else refused.push(`${path}: ${res.status()} ${JSON.stringify(problem?.errors ?? problem)}`);
    }
    expect(refused).toEqual(paths);

    // Writes too: nothing is created.
    const name = `Query ${stamp()}`;
    await expectFieldError(
      await superAdmin.request.post(`/api/v1/roles?tenant_id=${SAMPLE}`, { headers: sameOrigin, data: { name } }),
      "query.tenant_id",
    );
    const roles = await (await superAdmin.request.get(`/api/v1/roles?search=${encodeURIComponent(name)}`)).json();
    expect(roles.data).toEqual([]);
    await superAdmin.close();
  });

  test("the documented query parameters still work, and a page holds at most 200 items", async ({ browser }) => {
    const admin = await signedInPage(browser, PERSONAS.tenantAdmin.email);
    const api = admin.request;
    const me = await (await api.get("/api/v1/me")).json();
    const fieldEngineer = (
      (await (await api.get("/api/v1/roles?search=field&limit=200")).json()).data as { id: string; name: string }[]
    ).find((r) => r.name === "Field Engineer")!;
    expect(fieldEngineer).toBeTruthy();
    const ok = [
      "/api/v1/roles?search=engineer&limit=2",
      "/api/v1/permissions?module=sites&category=tabs&active_only=true&search=site&limit=200",
      "/api/v1/permissions/categories?active_only=true",
      "/api/v1/permissions/groups?active_only=false",
      `/api/v1/permissions/sites.list.view/dependencies?user_id=${me.user.id}`,
      "/api/v1/matrix?module=sites&category=tabs&search=site",
      `/api/v1/users?search=acme&role_id=${fieldEngineer.id}&limit=200`,
      `/api/v1/users/${me.user.id}/permissions?include_inherited=true&module=sites&category=tabs&active_only=true`,
      "/api/v1/templates?search=a&limit=200",
      "/api/v1/approvals?status=pending&limit=200",
      "/api/v1/invitations?limit=200",
      "/api/v1/modules?active_only=true&limit=200",
      "/api/v1/menu-items?module=sites&active_only=true&limit=200",
      "/api/v1/stats/checks?from=2025-01-01&to=2025-01-31",
      "/api/v1/stats/role-members?from=2025-01-01&to=2025-12-31",
      "/api/v1/audit?action=role.created&target_type=role&from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&limit=200",
    ];
    for (const url of ok) expect((await api.get(url)).status(), url).toBe(200);

    const page = await (await api.get("/api/v1/roles?search=engineer&limit=2")).json();
    expect(page.data.length).toBeLessThanOrEqual(2);
    await expectFieldError(await api.get("/api/v1/stats/role-members?from=2024-01-01&to=2025-12-31"), "query.from");
    for (const list of [
      "roles",
      "permissions",
      "users",
      "templates",
      "approvals",
      "modules",
      "menu-items",
      "audit",
      "invitations",
    ]) {
      await expectFieldError(await api.get(`/api/v1/${list}?limit=201`), "query.limit");
      await expectFieldError(await api.get(`/api/v1/${list}?limit=0`), "query.limit");
    }
    await admin.close();
  });
});
