import { type APIRequestContext, expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { E2E_LIMITS } from "./support/limits";
import { loginAs, PERSONAS } from "./support/personas";
import { sameOriginJson } from "./support/same-origin";

/** The value of one sample line of the exposition text (0 when absent). */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

/** The sum of every labelled series of a metric: `name{...} value` lines. */
function total(text: string, name: string): number {
  return text
    .split("\n")
    .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(" ") + 1)), 0);
}

async function scrape(request: APIRequestContext) {
  const res = await request.get("/api/metrics");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/plain; version=0.0.4");
  return res.text();
}

test.describe("Prometheus metrics", () => {
  test("are refused to the anonymous, to a wrong token and to a tenant member", async ({ page, playwright }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    let res = await anonymous.get("/api/metrics");
    expect(res.status()).toBe(401);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
    res = await anonymous.get("/api/metrics", { headers: { authorization: "Bearer not-the-token" } });
    expect(res.status()).toBe(401);
    res = await anonymous.get("/api/metrics", { headers: { authorization: `Bearer ${E2E_LIMITS.metricsToken}` } });
    expect(res.status()).toBe(200);
    expect(await res.text()).toContain("process_cpu_seconds_total");
    await anonymous.dispose();

    await loginAs(page, "tenantAdmin");
    res = await page.request.get("/api/metrics");
    expect(res.status()).toBe(403);
    expect(await res.json()).toMatchObject({ status: 403 });
  });

  test("the super-admin sees checks counted and timed, the permission cache and the database pool", async ({
    page,
    browser,
    playwright,
  }) => {
    await loginAs(page, "superAdmin");
    const before = await scrape(page.request);

    const admin = await browser.newContext();
    const adminPage = await admin.newPage();
    await loginAs(adminPage, "tenantAdmin");
    const created = await adminPage.request.post("/api/v1/api-keys", {
      headers: sameOriginJson,
      data: { name: `e2e metrics ${Date.now()}`, scopes: ["check"] },
    });
    expect(created.status()).toBe(201);
    const app = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${(await created.json()).secret}` },
    });
    const allowed = await app.post("/api/v1/check", {
      data: { user_email: PERSONAS.member.email, code: "sites.list.view" },
    });
    expect(await allowed.json()).toMatchObject({ granted: true });
    const denied = await app.post("/api/v1/check/bulk", {
      data: { user_email: PERSONAS.member.email, codes: ["sites.list.delete_action", "no.such.code"] },
    });
    expect(await denied.json()).toMatchObject({ has_any: false });
    await Promise.all([app.dispose(), admin.close()]);

    const after = await scrape(page.request);
    // Other specs check in parallel: the counters rise at least by ours.
    expect(sample(after, 'gatehouse_checks_total{result="allowed"}')).toBeGreaterThanOrEqual(
      sample(before, 'gatehouse_checks_total{result="allowed"}') + 1,
    );
    expect(sample(after, 'gatehouse_checks_total{result="denied"}')).toBeGreaterThanOrEqual(
      sample(before, 'gatehouse_checks_total{result="denied"}') + 2,
    );
    expect(sample(after, 'gatehouse_check_duration_seconds_count{route="check"}')).toBeGreaterThanOrEqual(
      sample(before, 'gatehouse_check_duration_seconds_count{route="check"}') + 1,
    );
    expect(sample(after, 'gatehouse_check_duration_seconds_count{route="bulk"}')).toBeGreaterThanOrEqual(
      sample(before, 'gatehouse_check_duration_seconds_count{route="bulk"}') + 1,
    );
    // Our check looked the member up (hit or miss) and something was read from the database.
    expect(total(after, "gatehouse_permission_cache_lookups_total")).toBeGreaterThan(
      total(before, "gatehouse_permission_cache_lookups_total"),
    );
    expect(after).toMatch(/^gatehouse_permission_cache_lookups_total\{kind="user",result="miss"\} \d+/m);
    expect(sample(after, 'gatehouse_permission_cache_loads_total{kind="policy"}')).toBeGreaterThan(0);
    expect(sample(after, 'gatehouse_permission_cache_loads_total{kind="user"}')).toBeGreaterThan(0);
    expect(after).toContain("gatehouse_permission_cache_invalidations_total");
    expect(sample(after, 'gatehouse_db_pool_connections{state="max"}')).toBeGreaterThan(0);
    expect(sample(after, 'gatehouse_db_pool_connections{state="open"}')).toBeGreaterThan(0);
    expect(after).toMatch(/^nodejs_heap_size_used_bytes \d+/m);
  });
});
