import { type Browser, type Cookie, expect, type Page } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { signIn } from "./personas";

/** Waits until the product shell and the page's legend have hydrated (controls answer clicks and hovers). */
export async function ready(page: Page) {
  await expect(page.locator("[data-hydrated]").first()).toBeVisible();
  const legend = page.locator("[data-legend]");
  if (await legend.count()) await expect(legend.first()).toHaveAttribute("data-hydrated", "true");
}

/**
 * One real sign-in per persona and worker (through the form), then its cookies reused: each test
 * starts signed in without paying for argon2 and the home page again.
 */
const sessions = new Map<string, Promise<Cookie[]>>();
function sessionOf(browser: Browser, email: string): Promise<Cookie[]> {
  let s = sessions.get(email);
  if (!s) {
    s = (async () => {
      const context = await browser.newContext({ baseURL });
      const page = await context.newPage();
      await signIn(page, email);
      await expect(page.getByRole("heading", { name: /Welcome,/ })).toBeVisible();
      const cookies = await context.cookies();
      await context.close();
      return cookies;
    })();
    sessions.set(email, s);
  }
  return s;
}

export async function signedIn(page: Page, email: string) {
  await page.context().addCookies(await sessionOf(page.context().browser()!, email));
}

export async function newSignedInPage(browser: Browser, email: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signedIn(page, email);
  return page;
}
