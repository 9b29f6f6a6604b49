import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

// Routes any visitor may call: health, live, the Auth.js endpoints, the OpenAPI document, the policy document's JSON Schema and accepting an invitation link.
const PUBLIC = [
  /^\/api\/health$/,
  /^\/api\/live$/,
  /^\/api\/auth\//,
  /^\/api\/v1\/openapi\.json$/,
  /^\/api\/v1\/policy\/schema$/,
  // Accepting an invitation link: its token is the credential (e2e/api-invitations.spec.ts).
  /^\/api\/v1\/invitations\/accept$/,
];
const SAMPLE = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? routeFiles(full) : name === "route.ts" ? [full] : [];
  });
}

const routes = routeFiles(path.join("app", "api")).flatMap((file) => {
  const pattern = `/${path.dirname(file).split(path.sep).slice(1).join("/")}`;
  // Catch-all segments (Auth.js) are public; every other dynamic segment gets a sample id.
  const urlPath = pattern.includes("[...") ? null : pattern.replace(/\[[^\]]+\]/g, SAMPLE);
  const methods = [...readFileSync(file, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map(
    (m) => m[1]!,
  );
  return methods.map((method) => ({ file, method, urlPath, openPath: pattern.replace(/\[([^\]]+)\]/g, "{$1}") }));
});

test("the inventory found the API's route files", () => {
  expect(routes.length).toBeGreaterThan(20);
});

test("every route refuses an anonymous caller with 401 problem+json, except the public ones", async ({ request }) => {
  const checked: string[] = [];
  for (const r of routes) {
    if (!r.urlPath || PUBLIC.some((p) => p.test(r.urlPath!))) continue;
    const res = await request.fetch(r.urlPath, {
      method: r.method,
      data: r.method === "GET" || r.method === "DELETE" ? undefined : {},
    });
    expect(res.status(), `${r.method} ${r.urlPath} (${r.file})`).toBe(401);
    expect(res.headers()["content-type"], `${r.method} ${r.urlPath}`).toContain("application/problem+json");
    checked.push(`${r.method} ${r.urlPath}`);
  }
  expect(checked.length).toBeGreaterThan(20);
});

test("every route file appears in the OpenAPI document with its methods", async ({ request }) => {
  const res = await request.get("/api/v1/openapi.json");
  expect(res.status()).toBe(200);
  const doc = await res.json();
  expect(doc.openapi).toBe("3.1.0");
  const missing = routes
    .filter((r) => r.urlPath && !r.openPath.startsWith("/api/v1/openapi.json"))
    .filter((r) => !doc.paths[r.openPath]?.[r.method.toLowerCase()])
    .map((r) => `${r.method} ${r.openPath}`);
  expect(missing).toEqual([]);
  // The schemas are the ones the wrapper enforces: strict bodies say so.
  const createRole = doc.paths["/api/v1/roles"].post;
  expect(createRole.requestBody.content["application/json"].schema).toMatchObject({
    type: "object",
    additionalProperties: false,
    required: ["name"],
  });
  expect(createRole.description).toContain("gatehouse.roles.manage");
});

test("the API reference renders every route, offline, at /docs/api", async ({ page }) => {
  // Swagger UI lays out every operation of the document (100+) twice here (load and reload): on a busy 2-core machine that outlasts 30 s.
  test.setTimeout(90_000);
  const external: string[] = [];
  const pageErrors: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith("http://127.0.0.1") && !r.url().startsWith("data:")) external.push(r.url());
  });
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { name: "Gatehouse API reference" })).toBeVisible();
  // Every tag of the document is listed (closed: a page of every operation open at once is more
  // than Swagger UI renders), and a tag opened shows all of its operations.
  const doc = await (await page.request.get("/api/v1/openapi.json")).json();
  const operations = Object.values(doc.paths as Record<string, Record<string, { tags?: string[] }>>).flatMap((ops) =>
    Object.entries(ops)
      .filter(([m]) => ["get", "put", "post", "delete", "options", "head", "patch", "trace"].includes(m))
      .map(([, op]) => op.tags?.[0] ?? "default"),
  );
  expect(operations.length).toBeGreaterThan(60);
  const tags = [...new Set(operations)];
  await expect(page.locator(".opblock-tag")).toHaveCount(tags.length, { timeout: 20_000 });
  for (const tag of ["roles", "departments", "teams"]) {
    const section = page.locator(".opblock-tag-section").filter({ has: page.locator(`h3#operations-tag-${tag}`) });
    await section.locator("h3.opblock-tag").click();
    await expect(section.locator(".opblock")).toHaveCount(operations.filter((t) => t === tag).length);
  }
  await expect(
    page
      .locator(".opblock-summary-path")
      .filter({ hasText: /^\/api\/v1\/roles\/\{id\}\/permissions$/ })
      .first(),
  ).toBeVisible();
  await page.screenshot({ path: "e2e/.screens/docs-api.png" });

  // Swagger UI's prebuilt files come from the app itself (not bundled, not a CDN), cacheable, allow-listed.
  const bundle = await page.request.get("/docs/api/assets/swagger-ui-bundle.js");
  expect(bundle.status()).toBe(200);
  expect(bundle.headers()["content-type"]).toContain("javascript");
  expect(bundle.headers()["etag"]).toBeTruthy();
  const css = page.locator("link[rel=stylesheet][href^='/docs/api/assets/swagger-ui.css?v=']");
  const cssRes = await page.request.get((await css.getAttribute("href"))!);
  expect(cssRes.headers()["content-type"]).toContain("text/css");
  expect(cssRes.headers()["cache-control"]).toContain("immutable");
  expect((await page.request.get("/docs/api/assets/package.json")).status()).toBe(404);
  expect((await page.request.get("/docs/api/assets/..%2Fpackage.json")).status()).toBe(404);

  // Expanding an operation shows its typed 200 response (OpenAPI 3.1: this is what broke inside a Turbopack bundle).
  const getRole = page
    .locator(".opblock.opblock-get")
    .filter({ has: page.locator(".opblock-summary-path", { hasText: /^\/api\/v1\/roles\/\{id\}$/ }) });
  await getRole.locator("button.opblock-summary-control").click();
  const ok = getRole.locator("tr.response[data-code='200']");
  await expect(ok).toBeVisible();
  await expect(ok).toContainText("application/json");
  await expect(ok.locator(".example, .highlight-code").first()).toContainText('"permissions"');
  await ok.getByRole("tab", { name: "Schema" }).click();
  await expect(ok.locator(".json-schema-2020-12__title", { hasText: /^RoleDetail$/ }).first()).toBeVisible();
  await expect(page).toHaveURL(/#\/[^/]+\/[^/]+$/); // deepLinking: the open operation is in the URL
  await getRole.screenshot({ path: "e2e/.screens/docs-api-operation.png" });

  // Typed responses (lib/api/responses.ts): the response bodies are named schemas with their
  // fields, not bare objects (the operation's Schema tab above names RoleDetail; its fields here).
  await ok.getByRole("button", { name: "Expand all" }).first().click();
  await expect(ok).toContainText("parent_ids");
  await expect(ok).toContainText("grants_all");

  // The deep link opens the same operation after a reload.
  await page.reload();
  await expect(getRole.locator("tr.response[data-code='200']")).toBeVisible({ timeout: 20_000 });

  expect(external).toEqual([]);
  expect(pageErrors).toEqual([]);
});
