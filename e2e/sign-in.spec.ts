import { expect, test } from "@playwright/test";
import { loginAs, PERSONAS, signIn } from "./support/personas";

test.describe("sign-in", () => {
  test("a signed-out visitor is sent to the sign-in page and comes back after", async ({ page }) => {
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin/);
    await page.getByLabel("Email").fill(PERSONAS.tenantAdmin.email);
    await page.getByLabel("Password").fill("gatehouse-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("heading", { name: /Overview · Acme Energy/ })).toBeVisible();
    await page.screenshot({ path: "e2e/.screens/admin.png" });
  });

  test("the super-admin signs in and sees the console link", async ({ page }) => {
    await loginAs(page, "superAdmin");
    await expect(page.getByText("Platform super-admin", { exact: true }).first()).toBeVisible();
    await expect(page.getByRole("link", { name: /Open the admin console/ })).toBeVisible();
  });

  test("the tenant admin sees their tenant, the Admin role and the console link", async ({ page }) => {
    await loginAs(page, "tenantAdmin");
    await expect(page.getByTestId("tenant-name")).toHaveText("Acme Energy");
    await expect(page.getByTestId("role-list")).toContainText("Admin");
    await expect(page.getByRole("link", { name: /Open the admin console/ })).toBeVisible();
    await page.screenshot({ path: "e2e/.screens/home-admin.png", fullPage: true });
  });

  test("the member works in two tenants and can switch between them", async ({ page }) => {
    await loginAs(page, "member");
    await expect(page.getByTestId("tenant-name")).toHaveText("Acme Energy");
    await expect(page.getByTestId("role-list")).toContainText("Field Engineer");
    await expect(page.getByRole("link", { name: /Open the admin console/ })).toHaveCount(0);
    await page.screenshot({ path: "e2e/.screens/home-member.png", fullPage: true });
    await page.getByRole("button", { name: "Switch tenant" }).click();
    await page.getByRole("menuitem", { name: "Globex Trading" }).click();
    await expect(page.getByTestId("tenant-name")).toHaveText("Globex Trading");
    await expect(page.getByTestId("role-list")).toContainText("Sales Rep");
  });

  test("a member is refused the admin console with a clear 403 page", async ({ page }) => {
    await loginAs(page, "member");
    await page.goto("/admin");
    await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
    await expect(page.getByText("gatehouse.console")).toBeVisible();
    await page.screenshot({ path: "e2e/.screens/403.png" });
  });

  test("the viewer sees an expiring role", async ({ page }) => {
    await loginAs(page, "viewer");
    await expect(page.getByTestId("role-list")).toContainText("Viewer");
    await expect(page.getByTestId("role-list")).toContainText(/Support Agent[\s\S]*until \d{4}-\d{2}-\d{2}/);
  });

  test("a wrong password is refused with a clear message", async ({ page }) => {
    await page.goto("/sign-in");
    await page.screenshot({ path: "e2e/.screens/sign-in.png", fullPage: true });
    await signIn(page, PERSONAS.member.email, "not-the-password");
    await expect(page.getByTestId("sign-in-error")).toHaveText("That email and password do not match an account.");
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByLabel("Email")).toHaveValue(PERSONAS.member.email);
    await page.screenshot({ path: "e2e/.screens/sign-in-error.png", fullPage: true });
  });

  test("invalid input names the field", async ({ page }) => {
    await signIn(page, "not-an-email", "");
    await expect(page.getByText("Enter a valid email address")).toBeVisible();
    await expect(page.getByText("Enter your password")).toBeVisible();
  });

  test("a disabled user cannot sign in", async ({ page }) => {
    await signIn(page, "disabled@acme.test");
    await expect(page.getByTestId("sign-in-error")).toContainText("This account is disabled");
  });

  test("signing out ends the session", async ({ page }) => {
    await loginAs(page, "viewer");
    await page.getByRole("button", { name: "Account menu" }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { name: "Sign out?" })).toBeVisible();
    await page.screenshot({ path: "e2e/.screens/sign-out.png" });
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("You are signed out.")).toBeVisible();
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test("health answers with the driver", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ ok: true, db: process.env.DATABASE_URL ? "postgres" : "pglite" });
});
