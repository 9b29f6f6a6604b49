import { expect, type Page, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { PERSONAS, type PersonaName } from "./support/personas";
import { ready, signedIn } from "./support/sessions";

/**
 * The product pages render on the server with the viewer's permissions and hydrate with the same
 * set: no hydration mismatch, no flash, no error of any kind in the browser. React reports a
 * mismatch as a console error (or an uncaught recoverable error): either fails the test.
 */
const PAGES = [
  ["dashboard", "/app"],
  ["sites", "/app/sites"],
  ["a site", "/app/sites/S-1001"],
  ["jobs", "/app/jobs"],
  ["field reports", "/app/operations/reports"],
  ["an ERP list", "/app/master-data/products"],
] as const;

function collectErrors(page: Page) {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

for (const persona of ["member", "tenantAdmin"] as const satisfies PersonaName[]) {
  test(`the /app pages hydrate without a console or page error (${persona})`, async ({ page }) => {
    test.slow(); // six pages, each hydrated and left to settle
    const errors = collectErrors(page);
    await signedIn(page, PERSONAS[persona].email);
    for (const [name, path] of PAGES) {
      await page.goto(path);
      if (persona === "member" && path === "/app/master-data/products") {
        // The member may not open the ERP list: the 403 page (outside the shell), error-free too.
        await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
      } else {
        await ready(page);
      }
      // Let effects, the live stream and any late chunk run before judging.
      await page.waitForTimeout(400);
      expect(errors, `${name} (${path}) as ${persona}`).toEqual([]);
    }
    // Client-side navigation through the sidebar renders the same pages without errors either.
    await page.goto("/app");
    await ready(page);
    for (const link of ["Sites", "Jobs", "Dashboard"]) {
      await page.getByRole("navigation", { name: "Product" }).getByRole("link", { name: link }).click();
      await expect(page.getByRole("heading", { name: new RegExp(link) })).toBeVisible();
    }
    await page.waitForTimeout(400);
    expect(errors, `sidebar navigation as ${persona}`).toEqual([]);
  });
}

test("the home page: honest tiles, every area counted (member and admin)", async ({ browser }) => {
  for (const [persona, shot] of [
    ["member", "home-member"],
    ["tenantAdmin", "home-admin"],
  ] as const) {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await signedIn(page, PERSONAS[persona].email);
    await page.goto("/");
    await expect(page.getByRole("heading", { name: /Welcome,/ })).toBeVisible();
    // The API reference is open to everyone; the console only to those who may use it.
    await expect(page.locator('[data-tile="API reference"]')).toHaveAttribute("href", "/docs/api");
    const adminTile = page.locator('[data-tile="Admin console"]');
    await expect(adminTile).toHaveAttribute("data-link", persona === "member" ? "false" : "true");
    if (persona === "member") await expect(adminTile.locator("a")).toHaveCount(0);
    // The workspace tile names the screens themselves, not a second "Open the app".
    await expect(page.getByTestId("next-workspace").getByRole("link", { name: "Sites" })).toHaveAttribute(
      "href",
      "/app/sites",
    );
    if (persona === "tenantAdmin") await expect(page.getByTestId("more-areas")).toContainText(/^\+\d+ more areas?$/);
    await page.screenshot({ path: `e2e/.screens/${shot}.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }
});
