import { type Browser, expect, type Page, test } from "@playwright/test";
import { baseURL, secondURL } from "../playwright.config";
import { createUserWithRole } from "./support/fresh-user";
import { loginAs, signIn } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

/**
 * Live permission updates. The admin writes on the first instance (baseURL); the member reads
 * on the second (secondURL: another server on the same PostgreSQL database — on PGlite the
 * same instance), so what reaches the member went through LISTEN/NOTIFY, not process memory.
 */
const twoInstances = secondURL !== baseURL;

interface StreamEvent {
  perm_version: number;
  tenant_id: string;
  at: number;
}
declare global {
  interface Window {
    __permEvents?: StreamEvent[];
    __permOpen?: boolean;
    __noReload?: string;
  }
}

async function memberPage(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: secondURL });
  const page = await context.newPage();
  await signIn(page, email, password);
  await expect(page.getByRole("heading", { name: /Welcome,/ })).toBeVisible();
  return page;
}

/** Opens an EventSource in the page and records every `permissions` event. */
async function recordStream(page: Page) {
  await page.evaluate(() => {
    window.__permEvents = [];
    const source = new EventSource("/api/v1/me/stream");
    source.addEventListener("open", () => (window.__permOpen = true));
    source.addEventListener("permissions", (e) =>
      window.__permEvents!.push({ ...JSON.parse((e as MessageEvent<string>).data), at: Date.now() }),
    );
  });
  // The version at once; other tests writing to the same tenant meanwhile may add more.
  await expect.poll(() => page.evaluate(() => window.__permEvents!.length)).toBeGreaterThanOrEqual(1);
  return {
    events: () => page.evaluate(() => window.__permEvents!),
  };
}

// Several browsers and sign-ins per test; on a busy machine a cold second instance is slow to first answer.
test.describe.configure({ timeout: 90_000 });

test.describe(`live permission updates (${twoInstances ? "two instances on PostgreSQL" : "one PGlite instance"})`, () => {
  test("the stream announces the version at once, then each change of the viewer's tenant only", async ({
    page,
    browser,
  }) => {
    await loginAs(page, "tenantAdmin");
    const admin = page.request;
    const user = await createUserWithRole(admin, baseURL, "Live Stream", ["products.view", "products.create"]);
    const member = await memberPage(browser, user.email, user.password);

    // The raw response: an event stream nobody may cache or transform (compression would buffer it).
    const head = await member.evaluate(async () => {
      const controller = new AbortController();
      const res = await fetch("/api/v1/me/stream", { signal: controller.signal });
      const reader = res.body!.getReader();
      let text = "";
      while (!text.includes("event: permissions")) text += new TextDecoder().decode((await reader.read()).value);
      controller.abort();
      return {
        type: res.headers.get("content-type"),
        cache: res.headers.get("cache-control"),
        encoding: res.headers.get("content-encoding"),
        text,
      };
    });
    expect(head.type).toContain("text/event-stream");
    expect(head.cache).toContain("no-transform");
    expect(head.encoding).toBeNull();
    expect(head.text).toMatch(/^retry: \d+\n/);

    const me = await (await member.request.get("/api/v1/me")).json();
    const stream = await recordStream(member);
    const [first] = await stream.events();
    expect(first!.tenant_id).toBe(me.tenant.id);
    // The version the provider would compare with (other tests may have moved it on meanwhile).
    expect((await (await member.request.get("/api/v1/me/permissions")).json()).perm_version).toBeGreaterThanOrEqual(
      first!.perm_version,
    );

    // Another tenant changes: a super-admin creates a role in Globex. The member hears nothing of it.
    const superPage = await browser.newPage({ baseURL });
    await loginAs(superPage, "superAdmin");
    const tenants = (await (await superPage.request.get("/api/v1/tenants?limit=200")).json()).data as {
      id: string;
      slug: string;
    }[];
    const globex = tenants.find((t) => t.slug !== "acme" && t.id !== me.tenant.id)!;
    const other = await superPage.request.post("/api/v1/roles", {
      headers: { ...sameOrigin, "x-tenant-id": globex.id },
      data: { name: `Elsewhere ${Date.now()}` },
    });
    expect(other.status()).toBe(201);
    await superPage.close();

    // The member's own tenant changes: revoke products.create from their role.
    const revoked = await admin.delete(`/api/v1/roles/${user.roleId}/permissions`, {
      headers: sameOrigin,
      data: { version: user.roleVersion, codes: ["products.create"] },
    });
    expect(revoked.status()).toBe(200);
    const after = Number(revoked.headers()["x-perm-version"]);
    expect(after).toBeGreaterThan(first!.perm_version);
    const sentAt = Date.now();

    await expect
      .poll(async () => (await stream.events()).at(-1)!.perm_version, { timeout: 2_000 })
      .toBeGreaterThanOrEqual(after);
    const events = await stream.events();
    // Only this tenant's versions (other tests change Acme meanwhile, so maybe more than ours),
    // strictly rising, and nothing of Globex's.
    expect(events.every((e) => e.tenant_id === me.tenant.id)).toBe(true);
    const versions = events.map((e) => e.perm_version);
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
    const ours = events.find((e) => e.perm_version >= after)!;
    console.log(
      `[live] ${twoInstances ? "cross-instance" : "in-process"} event ${ours.at - sentAt} ms after the revoke answered`,
    );

    // Right after the event, the member's instance already decides with the new version.
    const mine = await (await member.request.get("/api/v1/me/permissions")).json();
    expect(mine.perm_version).toBeGreaterThanOrEqual(after);
    expect(mine.codes).toContain("products.view");
    expect(mine.codes).not.toContain("products.create");
    await member.context().close();
  });

  test("the stream is for signed-in users only", async ({ request }) => {
    const res = await request.get(`${secondURL}/api/v1/me/stream`);
    expect(res.status()).toBe(401);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
  });

  test("revoking in the admin's browser hides the member's sidebar item and button within 2 s, without a reload", async ({
    page,
    browser,
  }) => {
    await loginAs(page, "tenantAdmin");
    const admin = page.request;
    // A role with the sites list (and its Add/Delete buttons) and the Products page.
    const user = await createUserWithRole(admin, baseURL, "Live Shell", [
      "sites.list.view",
      "sites.list.add_button",
      "sites.list.delete_action",
      "products.view",
    ]);
    const member = await memberPage(browser, user.email, user.password);
    await member.goto("/app/sites");
    const sidebar = member.getByRole("navigation", { name: "Product" });
    const products = sidebar.getByRole("link", { name: "Products" });
    const addSite = member.getByRole("button", { name: "Add site" });
    const deleteRow = member.getByRole("button", { name: "Delete" }).first();
    await expect(products).toBeVisible();
    await expect(addSite).toBeEnabled();
    await expect(deleteRow).toBeVisible();
    await expect(member.getByTestId("live-status")).toContainText("Permissions update live");
    await member.evaluate(() => (window.__noReload = "still the same document"));
    await member.screenshot({ path: "e2e/.screens/live-before-revoke.png" });

    const revoked = await admin.delete(`/api/v1/roles/${user.roleId}/permissions`, {
      headers: sameOrigin,
      data: {
        version: user.roleVersion,
        codes: ["products.view", "sites.list.delete_action", "sites.list.add_button"],
      },
    });
    expect(revoked.status()).toBe(200);
    const started = Date.now();

    await expect(products).toBeHidden({ timeout: 2_000 });
    await expect(deleteRow).toBeHidden({ timeout: 2_000 });
    await expect(addSite).toBeDisabled({ timeout: 2_000 });
    console.log(
      `[live] sidebar and buttons changed ${Date.now() - started} ms after the revoke answered (${twoInstances ? "two instances" : "one instance"})`,
    );
    expect(await member.evaluate(() => window.__noReload)).toBe("still the same document");
    const shown = Number(await member.getByTestId("live-status").getAttribute("data-perm-version"));
    expect(shown).toBeGreaterThanOrEqual(Number(revoked.headers()["x-perm-version"]));
    await member.screenshot({ path: "e2e/.screens/live-after-revoke.png" });

    // And back: granting again shows them again, still without a reload.
    const role = await (await admin.get(`/api/v1/roles/${user.roleId}`)).json();
    const granted = await admin.post(`/api/v1/roles/${user.roleId}/permissions`, {
      headers: sameOrigin,
      data: { version: role.version, codes: ["products.view"] },
    });
    expect(granted.status()).toBe(200);
    await expect(products).toBeVisible();
    expect(await member.evaluate(() => window.__noReload)).toBe("still the same document");
    await member.context().close();
  });
});

test.describe(`live page updates (${twoInstances ? "two instances on PostgreSQL" : "one PGlite instance"})`, () => {
  test("a revocation re-renders the open page within 2 s: a field turns hidden, a button turns disabled, then the page itself closes", async ({
    page,
    browser,
  }) => {
    await loginAs(page, "tenantAdmin");
    const admin = page.request;
    const user = await createUserWithRole(admin, baseURL, "Live Page", [
      "sites.list.view",
      "sites.detail.view",
      "sites.detail.fields.account_number",
      "sites.detail.fields.landlord_contact",
      "sites.detail.actions.text_landlord",
    ]);
    const member = await memberPage(browser, user.email, user.password);
    await member.goto("/app/sites/S-1001");
    const account = member.getByTestId("field-account-number");
    const textLandlord = member.getByRole("button", { name: "Text landlord" });
    await expect(account).toContainText(/ACC-\d{4}-\d{4}/);
    await expect(textLandlord).toBeEnabled();
    await expect(member.getByTestId("live-status")).toContainText("Permissions update live");
    await member.evaluate(() => (window.__noReload = "still the same document"));

    // 1. The fields: the server re-renders the page (router.refresh) without them.
    const revoked = await admin.delete(`/api/v1/roles/${user.roleId}/permissions`, {
      headers: sameOrigin,
      data: {
        version: user.roleVersion,
        codes: ["sites.detail.fields.account_number", "sites.detail.fields.landlord_contact"],
      },
    });
    expect(revoked.status()).toBe(200);
    let started = Date.now();
    await expect(account).toContainText("Hidden: requires sites.detail.fields.account_number", { timeout: 2_000 });
    await expect(textLandlord).toBeDisabled({ timeout: 2_000 });
    console.log(
      `[live] site fields hidden and “Text landlord” disabled ${Date.now() - started} ms after the revoke answered (${twoInstances ? "two instances" : "one instance"})`,
    );
    await expect(account).not.toContainText(/ACC-\d{4}/);
    expect(await member.evaluate(() => window.__noReload)).toBe("still the same document");
    await member.screenshot({ path: "e2e/.screens/live-site-after-revoke.png", fullPage: true });

    // 2. The page itself: without sites.detail.view the live refresh lands on the 403 page.
    const role = await (await admin.get(`/api/v1/roles/${user.roleId}`)).json();
    const detail = (role.permissions as { code: string }[])
      .map((p) => p.code)
      .filter((c) => c.startsWith("sites.detail."));
    const closed = await admin.delete(`/api/v1/roles/${user.roleId}/permissions`, {
      headers: sameOrigin,
      data: { version: role.version, codes: detail },
    });
    expect(closed.status(), await closed.text()).toBe(200);
    started = Date.now();
    await expect(member.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible({
      timeout: 2_000,
    });
    console.log(
      `[live] the site page closed (403) ${Date.now() - started} ms after the revoke answered (${twoInstances ? "two instances" : "one instance"})`,
    );
    await expect(member.getByText("sites.detail.view")).toBeVisible();
    await member.screenshot({ path: "e2e/.screens/live-site-view-revoked.png" });
    await member.context().close();
  });
});
