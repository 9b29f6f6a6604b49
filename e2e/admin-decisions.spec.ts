import { expect, type Page, test } from "@playwright/test";
import { loginAs } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const SCREENS = process.env.DECISION_SCREENS;
/** Screenshots at both sizes when DECISION_SCREENS names a folder (the console's review). */
async function shots(page: Page, name: string) {
  if (!SCREENS) return;
  for (const [w, h] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${SCREENS}/${name}-${w}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test("the decision log: a denied check is listed with its reason, key and context; the analytics page drills into it, and shows members per role per day", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await loginAs(page, "tenantAdmin");
  const key = await (
    await page.request.post("/api/v1/api-keys", {
      headers: sameOrigin,
      data: { name: `Decisions ${stamp()}`, scopes: ["check", "read"] },
    })
  ).json();
  const auth = { authorization: `Bearer ${key.secret}` };
  // A code of the catalog the viewer does not hold: denied, and kept (every denial is).
  const code = "reports.financial.view";
  const tag = stamp();
  const denied = await page.request.post("/api/v1/check", {
    headers: auth,
    data: { user_email: "viewer@acme.test", code, context: { resource: { owner_id: tag } } },
  });
  expect(denied.status()).toBe(200);
  expect((await denied.json()).granted).toBe(false);

  // The API: filtered by code and result, with the key and the context; paged by cursor.
  const log = await page.request.get(`/api/v1/decisions?code=${code}&result=denied&source=check&limit=1`, {
    headers: auth,
  });
  expect(log.status()).toBe(200);
  const body = await log.json();
  expect(body.data[0]).toMatchObject({ code, granted: false, source: "check", api_key_id: key.id });
  expect(body.data[0].context).toEqual({ resource: { owner_id: tag } });
  // Client input is refused in words, never a 500.
  const bad = await page.request.get("/api/v1/decisions?result=maybe&from=yesterday", { headers: auth });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).errors.map((e: { path: string }) => e.path).sort()).toEqual(["query.from", "query.result"]);
  const usage = await page.request.get("/api/v1/stats/usage?group_by=user", { headers: auth });
  expect(usage.status()).toBe(200);
  const viewer = (await usage.json()).data.find((r: { label: string }) => r.label === "viewer@acme.test");
  expect(viewer.denials).toBeGreaterThanOrEqual(1);
  // Members per role per day: every day of the period, today counted live (past days: the hourly snapshots).
  const members = await page.request.get("/api/v1/stats/role-members", { headers: auth });
  expect(members.status()).toBe(200);
  const series = await members.json();
  expect(series.days).toHaveLength(30);
  const engineers = series.data.find((r: { label: string }) => r.label === "Field Engineer");
  expect(engineers.members.at(-1)).toBe(engineers.members_now);
  expect(engineers.members_now).toBeGreaterThan(0);
  const tooLong = await page.request.get("/api/v1/stats/role-members?from=2020-01-01&to=2022-01-01", { headers: auth });
  expect(tooLong.status()).toBe(400);
  expect((await tooLong.json()).errors.map((e: { path: string }) => e.path)).toEqual(["query.from"]);

  // The console: the permission's denials open the decision log's entries for it.
  await page.goto("/admin/analytics");
  await expect(page.getByRole("heading", { name: "Analytics" })).toBeVisible();
  await page.getByRole("button", { name: `Denials of ${code}` }).click();
  const drill = page.getByTestId("decision-drill");
  await expect(drill).toContainText(`Denials: ${code}`);
  await expect(drill.getByRole("row").filter({ hasText: "viewer@acme.test" }).first()).toContainText("check (API key)");
  // Per user: the viewer's denials open their entries; per role: members and roles never used.
  await page.getByRole("button", { name: "Denials of viewer@acme.test" }).click();
  await expect(drill).toContainText("Denials: viewer@acme.test");
  await expect(drill).toContainText(code);
  await shots(page, "analytics-drill");
  await page.getByRole("tab", { name: "Per role" }).click();
  await expect(page.getByRole("columnheader", { name: "Members", exact: true })).toBeVisible();
  await expect(page.getByTestId("roles-never-used")).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Members per day" })).toBeVisible();
  await expect(
    // (Other specs assign roles at the same time: the count itself may have moved since the API read.)
    page.getByRole("img", { name: new RegExp(`^Field Engineer: (.* )?\\d+ members? on ${series.to}`) }),
  ).toBeVisible();
  await shots(page, "analytics-roles");
  await page.request.delete(`/api/v1/api-keys/${key.id}`, { headers: sameOrigin });
});
