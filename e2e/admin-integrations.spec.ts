import { expect, type Page, test } from "@playwright/test";
import { loginAs, PERSONAS, signedInPage } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const shot = (page: Page, name: string, fullPage = true) =>
  page.screenshot({ path: `e2e/.screens/${name}.png`, fullPage });
const check = (page: Page, secret: string, code: string, email = "member@acme.test") =>
  page.request.post("/api/v1/check", {
    headers: { authorization: `Bearer ${secret}` },
    data: { user_email: email, code },
  });

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("API keys: create with scopes, the secret shown once and copied, used for a check, revoked → 401", async ({
  page,
}) => {
  test.setTimeout(60_000);
  await loginAs(page, "tenantAdmin");
  await page.goto("/admin/api-keys");
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
  const name = `Billing service ${stamp()}`;

  await page.getByRole("button", { name: "Create API key" }).click();
  const create = page.getByRole("dialog", { name: "Create an API key" });
  await create.getByRole("checkbox", { name: /Check/ }).click(); // untick the default: no scope left
  await create.getByRole("button", { name: "Create key" }).click();
  await expect(create.getByText("Give the key a name")).toBeVisible();
  await expect(create.getByText("Choose at least one scope")).toBeVisible();
  await create.getByLabel("Name").fill(name);
  await create.getByRole("checkbox", { name: /Check/ }).click();
  await create.getByRole("checkbox", { name: /Read/ }).click();
  await shot(page, "api-keys-create-dialog");
  await create.getByRole("button", { name: "Create key" }).click();

  const secretDialog = page.getByRole("dialog", { name: `API key “${name}” created` });
  await expect(secretDialog).toContainText("This is the only time the key is shown");
  const secret = await secretDialog.getByLabel("Secret key").inputValue();
  expect(secret).toMatch(/^gh_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
  await secretDialog.getByRole("button", { name: "Copy the key" }).click();
  await expect(secretDialog.getByRole("button", { name: "Copy the key" })).toContainText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await shot(page, "api-keys-secret-dialog");
  await secretDialog.getByRole("button", { name: "Done" }).click();
  await expect(secretDialog).toHaveCount(0);

  // Listed by its prefix; the secret is nowhere on the page any more.
  const prefix = secret.split("_").slice(0, 2).join("_");
  const row = page.getByTestId("api-key-row").filter({ hasText: name });
  await expect(row).toContainText(`${prefix}_…`);
  await expect(row).toContainText("check");
  await expect(row).toContainText("read");
  await expect(row).toContainText("Never");
  await expect(row).toContainText("Active");
  expect(await page.content()).not.toContain(secret);

  // The key works against the check API (a bearer key alone: this page's cookies are ignored).
  let res = await check(page, secret, "sites.list.view");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ granted: true, reason: "role" });
  await shot(page, "api-keys");

  await page
    .getByTestId("api-key-row")
    .filter({ hasText: name })
    .getByRole("button", { name: `Revoke ${name}` })
    .click();
  const confirm = page.getByRole("alertdialog", { name: `Revoke “${name}”?` });
  await expect(confirm).toContainText(`${prefix}_…`);
  await shot(page, "api-keys-revoke-dialog");
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText(`Key “${name}” revoked`)).toBeVisible();
  await expect(page.getByTestId("api-key-row").filter({ hasText: name })).toHaveCount(0);
  await page.getByLabel("Show revoked").check();
  await expect(page.getByTestId("api-key-row").filter({ hasText: name })).toContainText("Revoked");
  await shot(page, "api-keys-revoked");

  res = await check(page, secret, "sites.list.view");
  expect(res.status()).toBe(401);
});

test("analytics: charts after some checks; a new tenant (as super-admin) shows the empty states", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await loginAs(page, "tenantAdmin");
  const key = await (
    await page.request.post("/api/v1/api-keys", {
      headers: sameOrigin,
      data: { name: `Analytics ${stamp()}`, scopes: ["check"] },
    })
  ).json();
  // Granted and denied checks on a code nobody else in the suite checks, so it is ours to count.
  const code = "reports.rdg.view";
  for (const email of ["lead@acme.test", "lead@acme.test", "lead@acme.test", "member@acme.test", "viewer@acme.test"]) {
    expect((await check(page, key.secret, code, email)).status()).toBe(200);
  }

  // Prefetched on the server, counters not yet flushed included: the HTML already has the numbers.
  const html = await (await page.request.get("/admin/analytics")).text();
  expect(html).toContain(code);
  expect(html).toMatch(/Denial rate/);
  await page.goto("/admin/analytics");
  await expect(page.getByRole("heading", { name: "Analytics" })).toBeVisible();
  // Daily bars side by side from zero: the period's sums under the chart are the totals above it.
  const overTime = page.getByTestId("chart-over-time").locator("..");
  await expect(overTime).toContainText(/side by side · \d+ allowed, \d+ denied/);
  const [, dayAllowed, dayDenied] = /(\d+) allowed, (\d+) denied/.exec((await overTime.textContent())!)!;
  const [, totalDenied, totalAllowed] = /(\d+) denied · (\d+) allowed/.exec(
    (await page.getByRole("region", { name: "Denial rate" }).textContent())!,
  )!;
  expect([dayAllowed, dayDenied]).toEqual([totalAllowed, totalDenied]);
  // The page asks the API once for the period and once per day of it (31 requests): allow for a busy machine.
  await expect(page.getByRole("region", { name: "Denial rate" })).toContainText(/\d+(\.\d+)?%/, { timeout: 30_000 });
  await expect(page.getByRole("region", { name: "Cache hit rate" })).toContainText(/hits/);
  await expect(page.getByRole("region", { name: "Checks" })).toContainText(/\d/);
  await expect(page.getByTestId("chart-over-time").getByRole("application")).toBeVisible();
  await expect(page.getByTestId("chart-busiest").getByRole("application")).toBeVisible();
  await expect(page.getByTestId("chart-busiest")).toContainText(code);
  const perCode = page.getByRole("row").filter({ hasText: code });
  await expect(perCode.getByRole("cell").nth(1)).toHaveText(/^\d+$/);
  const [allowed, denied] = [
    Number(await perCode.getByRole("cell").nth(1).textContent()),
    Number(await perCode.getByRole("cell").nth(2).textContent()),
  ];
  expect(allowed).toBeGreaterThanOrEqual(3);
  expect(denied).toBeGreaterThanOrEqual(2);
  await shot(page, "analytics");
  await page.getByRole("radio", { name: "Last 7 days" }).click();
  await expect(page).toHaveURL(/days=7/);
  await expect(page.getByTestId("chart-busiest")).toContainText(code);
  await page.request.delete(`/api/v1/api-keys/${key.id}`, { headers: sameOrigin });

  // A fresh tenant, as the platform super-admin: no keys, no checks.
  const sup = await signedInPage(browser, PERSONAS.superAdmin.email);
  const slug = `int-${stamp()}`;
  const tenant = await (
    await sup.request.post("/api/v1/tenants", { headers: sameOrigin, data: { name: `Integrations ${slug}`, slug } })
  ).json();
  expect(
    (await sup.request.post("/api/v1/me/tenant", { headers: sameOrigin, data: { tenant_id: tenant.id } })).status(),
  ).toBe(200);
  await sup.goto("/admin/api-keys");
  await expect(sup.getByText("No API keys yet")).toBeVisible();
  await shot(sup, "api-keys-empty");
  await sup.goto("/admin/analytics");
  await expect(sup.getByText("No checks in the last 30 days")).toBeVisible();
  await expect(sup.getByText(/Checks are counted when an app asks Gatehouse/)).toBeVisible();
  await shot(sup, "analytics-empty");
  await sup.goto("/admin/approvals");
  await expect(sup.getByText("Nothing waiting for a decision")).toBeVisible();
  await shot(sup, "approvals-empty");
  // Its audit log starts with its creation, and its own chain verifies.
  await sup.goto("/admin/audit");
  await expect(sup.getByTestId("audit-row").last()).toContainText("Tenant created");
  await expect(sup.getByTestId("chain-status")).toHaveText(/^Chain intact · (1 entry|[\d,]+ entries)$/);
  await expect(sup.getByTestId("chain-status")).not.toHaveText(/ 1 entries/);
  await sup.goto(`/admin/audit?action=api_key.created&from=2000-01-01&to=2000-01-01`);
  await expect(sup.getByText("No entries match these filters")).toBeVisible();
  await shot(sup, "audit-empty", false);
  await sup.close();
});

test("a member gets the 403 page for API keys and analytics", async ({ page }) => {
  await loginAs(page, "member");
  for (const path of ["/admin/api-keys", "/admin/analytics"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
  }
});
