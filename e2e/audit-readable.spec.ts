import { expect, type Page, test } from "@playwright/test";
import { tag, withDependencies } from "./support/fresh-user";
import { loginAs } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

/**
 * Issue 14 §4: an audit trail an auditor reads without knowing the event codes. The browser runs
 * in a time zone fourteen hours ahead of UTC, so "today" and "yesterday" are visibly its days.
 */
const ZONE = "Pacific/Kiritimati";
const SHOTS = process.env.A11Y_SHOTS ?? "e2e/.screens";
const dayIn = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(d);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const EVENT_CODE = /\b(role|user|permission|template|plan|tenant|approval|api_key|team|department)\.[a-z_.]+/;

async function roleWithOneAddition(page: Page) {
  const api = page.request;
  const name = `Readable ${tag()}`;
  const created = await api.post("/api/v1/roles", { headers: sameOrigin, data: { name } });
  expect(created.status()).toBe(201);
  const role = (await created.json()) as { id: string; version: number };
  const last = "sites.list.view";
  const first = (await withDependencies(api, ["sales.invoices.export", last])).filter((c) => c !== last);
  let res = await api.post(`/api/v1/roles/${role.id}/permissions`, {
    headers: sameOrigin,
    data: { version: role.version, codes: first },
  });
  expect(res.status(), await res.text()).toBe(200);
  res = await api.post(`/api/v1/roles/${role.id}/permissions`, {
    headers: sameOrigin,
    data: { version: (await res.json()).version, codes: [last] },
  });
  expect(res.status(), await res.text()).toBe(200);
  return { ...role, name, held: first, added: last };
}

test.describe("audit log in words", () => {
  test.describe.configure({ timeout: 120_000 });
  test.use({ viewport: { width: 1440, height: 900 }, timezoneId: ZONE });

  test("one permission added reads as one addition; action, target and days are chosen in words and kept in the URL", async ({
    page,
  }) => {
    await loginAs(page, "tenantAdmin");
    const role = await roleWithOneAddition(page);
    await page.goto("/admin/audit");
    const form = page.getByRole("form", { name: "Filter the audit log" });
    // Our messages, never the browser's bubbles.
    await expect(form).toHaveAttribute("novalidate", "");
    await expect(form.getByText(`days in ${ZONE.replace("_", " ")}`)).toBeVisible();

    // The action by its readable name; the target by its name; yesterday in the viewer's zone.
    await page.getByLabel("Action").selectOption({ label: "Role permissions changed" });
    await page.getByLabel("Target type").selectOption("role");
    await page.getByLabel("Target", { exact: true }).fill(role.name);
    await page.getByRole("button", { name: "Yesterday" }).click();
    const yesterday = dayIn(new Date(Date.now() - 86_400_000));
    await expect(page.getByLabel("From")).toHaveValue(yesterday);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/action=role.permissions.updated/);
    const url = new URL(page.url());
    expect(url.searchParams.get("target_id")).toBe(role.id);
    expect(url.searchParams.get("from")).toBe(yesterday);
    expect(url.searchParams.get("to")).toBe(yesterday);
    expect(url.searchParams.get("tz")).toBe(ZONE);
    await expect(page.getByText("No entries match these filters")).toBeVisible();

    // Today (the zone's): both grants of the role.
    await page.getByRole("button", { name: "Today" }).click();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(new RegExp(`from=${dayIn(new Date())}`));
    const rows = page.getByTestId("audit-row");
    await expect(rows).toHaveCount(2);
    for (const row of await rows.all()) {
      await expect(row).toContainText("Role permissions changed");
      await expect(row).not.toContainText("role.permissions.updated");
    }

    // The newest entry: one code added, the codes held before folded away, nothing struck through.
    await rows
      .first()
      .getByRole("button", { name: /Show details of entry/ })
      .click();
    const diff = page.getByTestId("audit-diff").first();
    await expect(diff.getByRole("list", { name: "Added" }).getByRole("listitem")).toHaveText([`+ ${role.added}`]);
    await expect(diff.getByRole("list", { name: "Removed" })).toHaveCount(0);
    await expect(diff.locator(".line-through")).toHaveCount(0);
    await expect(diff.locator('[data-diff="context"]')).toContainText(`${role.held.length} held before this change`);
    await page.screenshot({ path: `${SHOTS}/audit-readable-1440.png`, fullPage: true });

    // A reload keeps every filter, shown in words.
    await page.reload();
    await expect(page.getByLabel("Action")).toHaveValue("role.permissions.updated");
    await expect(page.getByLabel("Action").locator("option:checked")).toHaveText("Role permissions changed");
    await expect(page.getByLabel("Target", { exact: true })).toHaveValue(role.name);
    await expect(page.getByLabel("From")).toHaveValue(dayIn(new Date()));
    await expect(rows).toHaveCount(2);

    // The actor by search: a name finds the one person; an unknown name is our message, no navigation.
    await page.getByRole("button", { name: "Clear" }).click();
    await expect(page).toHaveURL(/\/admin\/audit$/);
    await page.getByLabel("Actor").fill("Nobody Such");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByText("No one matches “Nobody Such”: pick a name from the list.")).toBeVisible();
    await expect(page.getByLabel("Actor")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/admin\/audit$/);
    await page.getByLabel("Actor").fill("Ada Admin");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/[?&]actor=[0-9a-f-]{36}/);
    await expect(rows.first()).toContainText("admin@acme.test");
    await expect(page.getByLabel("Actor")).toHaveValue(/Ada Admin/);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/audit-readable-390.png`, fullPage: true });
  });

  test("the overview's recent changes use the same names: no event codes, no ids", async ({ page }) => {
    await loginAs(page, "tenantAdmin");
    await roleWithOneAddition(page);
    await page.goto("/admin");
    const recent = page.getByRole("list", { name: "Recent audit entries" });
    await expect(recent.getByRole("listitem").first()).toContainText("Role permissions changed");
    const text = await recent.innerText();
    expect(text).not.toMatch(EVENT_CODE);
    expect(text).not.toMatch(UUID);
    await page.screenshot({ path: `${SHOTS}/overview-recent-1440.png`, fullPage: true });
  });
});
