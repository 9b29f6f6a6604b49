import { type Browser, expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD, PERSONAS } from "../../db/seed/world";

export type PersonaName = keyof typeof PERSONAS;
export { DEMO_PASSWORD, PERSONAS };

/** Signs in through the real form, as a person would. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function loginAs(page: Page, persona: PersonaName) {
  await signIn(page, PERSONAS[persona].email);
  await expect(page.getByRole("heading", { name: /Welcome,/ })).toBeVisible();
}

/** A new page of its own (own cookies) signed in as `email`. */
export async function signedInPage(browser: Browser, email: string, password = DEMO_PASSWORD): Promise<Page> {
  const page = await browser.newPage();
  await signIn(page, email, password);
  await expect(page.getByRole("heading", { name: /Welcome,/ })).toBeVisible();
  return page;
}
