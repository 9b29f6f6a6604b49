import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

// Routes any visitor may call: health, the Auth.js endpoints and (when it exists) the OpenAPI document.
const PUBLIC = [/^\/api\/health$/, /^\/api\/auth\//, /^\/api\/v1\/openapi\.json$/];
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
  const methods = [...readFileSync(file, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
  return methods.map((method) => ({ file, method, urlPath }));
});

test("the inventory found the API's route files", () => {
  expect(routes.length).toBeGreaterThan(20);
});

test("every route refuses an anonymous caller with 401 problem+json, except the public ones", async ({ request }) => {
  const checked: string[] = [];
  for (const r of routes) {
    if (!r.urlPath || PUBLIC.some((p) => p.test(r.urlPath!))) continue;
    const res = await request.fetch(r.urlPath, { method: r.method, data: r.method === "GET" || r.method === "DELETE" ? undefined : {} });
    expect(res.status(), `${r.method} ${r.urlPath} (${r.file})`).toBe(401);
    expect(res.headers()["content-type"], `${r.method} ${r.urlPath}`).toContain("application/problem+json");
    checked.push(`${r.method} ${r.urlPath}`);
  }
  expect(checked.length).toBeGreaterThan(20);
});
