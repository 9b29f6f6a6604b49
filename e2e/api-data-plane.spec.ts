import { type APIRequest, type APIRequestContext, type APIResponse, expect, test } from "@playwright/test";
import { baseURL, secondURL } from "../playwright.config";
import { createUserWithRole } from "./support/fresh-user";
import { E2E_LIMITS } from "./support/limits";
import { loginAs, PERSONAS, signedInPage } from "./support/personas";
import { sameOrigin, sameOriginJson } from "./support/same-origin";

/**
 * The data plane (lib/api/data-plane.ts, in front of Next in server.mjs) answers the check routes
 * to API keys; Next's route handlers answer sessions. On PostgreSQL `secondURL` is a second
 * instance on the same database, so what one instance changes must reach the other's data plane
 * through PostgreSQL alone; on PGlite it is the same instance as baseURL.
 */

/**
 * Which door answered: the data plane knows its answer's length (Content-Length), Next's route
 * handlers stream theirs (chunked). Other specs run beside this one, so the data plane's request
 * counter (below) can only be checked to have moved at least as much as this spec moved it.
 */
const byDataPlane = (res: APIResponse) =>
  res.headers()["content-length"] !== undefined && res.headers()["transfer-encoding"] === undefined;

/** How many requests an instance's data plane has answered (Prometheus, with the e2e metrics token). */
async function answeredByDataPlane(requests: APIRequest, url: string): Promise<number> {
  const api = await requests.newContext({
    baseURL: url,
    extraHTTPHeaders: { authorization: `Bearer ${E2E_LIMITS.metricsToken}` },
  });
  const text = await (await api.get("/api/metrics")).text();
  await api.dispose();
  return ["check", "bulk"]
    .map((route) =>
      text.split("\n").find((l) => l.startsWith(`gatehouse_data_plane_requests_total{route="${route}"} `)),
    )
    .reduce((sum, line) => sum + Number(line?.split(" ")[1] ?? Number.NaN), 0);
}

async function createCheckKey(request: APIRequestContext, label: string) {
  const res = await request.post("/api/v1/api-keys", {
    headers: sameOriginJson,
    data: { name: `e2e ${label} ${Date.now()} ${Math.random()}`, scopes: ["check"] },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; secret: string };
}

const withKey = (requests: APIRequest, url: string, secret: string) =>
  requests.newContext({ baseURL: url, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });

const withoutVersion = (body: Record<string, unknown>) => {
  const { perm_version: _, ...rest } = body;
  return rest;
};

test("an API key's check is answered by the data plane, a session's by Next, and the two answers agree", async ({
  page,
  playwright,
}) => {
  await loginAs(page, "tenantAdmin");
  const key = await createCheckKey(page.request, "data plane");
  const app = await withKey(playwright.request, baseURL, key.secret);
  const asked = [
    { path: "/api/v1/check", data: { user_email: PERSONAS.member.email, code: "sites.detail.tabs.meters" } },
    { path: "/api/v1/check", data: { user_email: PERSONAS.member.email, code: "sites.detail.fields.consumption" } },
    { path: "/api/v1/check/bulk", data: { user_email: PERSONAS.member.email, codes: ["sites.list.view", "x.y"] } },
  ];

  for (const { path, data } of asked) {
    const before = await answeredByDataPlane(playwright.request, baseURL);
    const byKey = await app.post(path, { data });
    expect(await answeredByDataPlane(playwright.request, baseURL)).toBeGreaterThanOrEqual(before + 1);
    const bySession = await page.request.post(path, { headers: sameOrigin, data });
    expect(byDataPlane(byKey)).toBe(true);
    expect(byDataPlane(bySession)).toBe(false);

    expect(byKey.status()).toBe(200);
    expect(bySession.status()).toBe(200);
    for (const h of ["content-type", "cache-control", "vary"])
      expect(byKey.headers()[h], h).toBe(bySession.headers()[h]);
    // Other specs may change the tenant in between: its version may move, the decision may not.
    expect(withoutVersion(await byKey.json())).toEqual(withoutVersion(await bySession.json()));
  }

  // A refusal of the input is worded alike by both doors, field paths included.
  const bad = { user_email: PERSONAS.member.email, code: "Not A Code", tenant_id: "x" };
  const byKey = await app.post("/api/v1/check", { data: bad });
  const bySession = await page.request.post("/api/v1/check", { headers: sameOrigin, data: bad });
  expect(byKey.status()).toBe(400);
  expect([byDataPlane(byKey), byDataPlane(bySession)]).toEqual([true, false]);
  expect(byKey.headers()["content-type"]).toBe(bySession.headers()["content-type"]);
  expect(await byKey.text()).toBe(await bySession.text());
  await app.dispose();
});

test("a key revoked, or whose creator is disabled, on one instance is refused by the other's data plane at once", async ({
  page,
  browser,
  playwright,
}) => {
  await loginAs(page, "tenantAdmin");
  const creator = await createUserWithRole(page.request, baseURL, "Key creator", [
    "gatehouse.users.view",
    "gatehouse.api_keys.manage",
  ]);
  const creatorPage = await signedInPage(browser, creator.email, creator.password);
  const [kept, revoked] = [
    await createCheckKey(creatorPage.request, "creator disabled"),
    await createCheckKey(creatorPage.request, "revoked"),
  ];
  const check = { data: { user_email: PERSONAS.member.email, code: "sites.list.view" } };
  const [keptApp, revokedApp] = [
    await withKey(playwright.request, secondURL, kept.secret),
    await withKey(playwright.request, secondURL, revoked.secret),
  ];

  // Both work on the second instance, answered (and their keys cached) by its data plane.
  const before = await answeredByDataPlane(playwright.request, secondURL);
  for (const app of [keptApp, revokedApp, keptApp, revokedApp]) {
    const res = await app.post("/api/v1/check", check);
    expect(res.status(), await res.text()).toBe(200);
    expect(byDataPlane(res)).toBe(true);
  }
  expect(await answeredByDataPlane(playwright.request, secondURL)).toBeGreaterThanOrEqual(before + 4);

  // Revoked through the first instance: the very next request on the second is 401.
  expect((await creatorPage.request.delete(`/api/v1/api-keys/${revoked.id}`, { headers: sameOrigin })).status()).toBe(
    204,
  );
  let res = await revokedApp.post("/api/v1/check", check);
  expect(res.status()).toBe(401);
  expect(byDataPlane(res)).toBe(true);
  expect(res.headers()["content-type"]).toContain("application/problem+json");
  expect((await keptApp.post("/api/v1/check", check)).status()).toBe(200);

  // The creator disabled through the first instance: the very next request on the second is 403.
  res = await page.request.patch(`/api/v1/users/${creator.id}`, { headers: sameOrigin, data: { status: "disabled" } });
  expect(res.status(), await res.text()).toBe(200);
  res = await keptApp.post("/api/v1/check", check);
  expect(res.status(), await res.text()).toBe(403);
  expect(byDataPlane(res)).toBe(true);
  expect(await res.json()).toMatchObject({ status: 403, missing_permission: "gatehouse.users.view" });
  res = await keptApp.post("/api/v1/check/bulk", { data: { user_email: PERSONAS.member.email, codes: ["a.b"] } });
  expect(res.status()).toBe(403);
  expect(await answeredByDataPlane(playwright.request, secondURL)).toBeGreaterThanOrEqual(before + 8);

  // Enabled again, the key works again (it was never revoked).
  res = await page.request.patch(`/api/v1/users/${creator.id}`, { headers: sameOrigin, data: { status: "active" } });
  expect(res.status()).toBe(200);
  expect((await keptApp.post("/api/v1/check", check)).status()).toBe(200);
  await Promise.all([keptApp.dispose(), revokedApp.dispose(), creatorPage.context().close()]);
});

test("the check limit holds across instances: never more than the limit, at most a batch short per other instance", async ({
  page,
  playwright,
}) => {
  await loginAs(page, "tenantAdmin");
  const key = await createCheckKey(page.request, "shared limit");
  const instances = [...new Set([baseURL, secondURL])];
  const apps = await Promise.all(instances.map((url) => withKey(playwright.request, url, key.secret)));
  const check = { data: { user_email: PERSONAS.member.email, code: "sites.list.view" } };
  const { checkPerMinute: limit, checkBatch: batch } = E2E_LIMITS;

  // Round robin over the instances, five at a time on each, until every instance refuses.
  let allowed = 0;
  const refusedBy = new Set<number>();
  for (let round = 0; refusedBy.size < apps.length && round < limit; round++) {
    const answers = await Promise.all(
      apps.flatMap((app, i) =>
        Array.from({ length: 5 }, () => app.post("/api/v1/check", check).then((r) => [i, r] as const)),
      ),
    );
    for (const [i, res] of answers) {
      if (res.status() === 200) allowed++;
      else {
        expect(res.status()).toBe(429);
        const wait = Number(res.headers()["retry-after"]);
        expect(wait).toBeGreaterThanOrEqual(1);
        expect(wait).toBeLessThanOrEqual(60);
        refusedBy.add(i);
      }
    }
  }
  expect(refusedBy.size).toBe(apps.length);
  expect(allowed).toBeLessThanOrEqual(limit);
  expect(allowed).toBeGreaterThanOrEqual(limit - (batch - 1) * (apps.length - 1));
  await Promise.all(apps.map((app) => app.dispose()));
});
