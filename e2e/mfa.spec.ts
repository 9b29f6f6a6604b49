import { type Browser, expect, type Page, test } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { baseURL, secondURL } from "../playwright.config";
import { createUserWithRole, type FreshUser } from "./support/fresh-user";
import { loginAs, signIn } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

/**
 * TOTP enrolment through the UI (the test computes codes from the key shown, as an authenticator
 * app would), the step-up of an MFA-protected action (Change SIM requires MFA in the seed),
 * code reuse refused, recovery codes single-use, and turning MFA off.
 */
const SITE = "S-1001";
const CHANGE_SIM = `/api/demo/sites/${SITE}/change-sim`;

/** An authenticator app: each code is used at most once, as the server demands. */
function authenticator(secret: string) {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });
  let last = 0;
  return {
    /** A code of the current or next 30-second step (both stay valid past a step boundary) not used yet. */
    async next(): Promise<string> {
      let step = 0;
      await expect
        .poll(
          () => {
            const current = Math.floor(Date.now() / 30_000);
            step = [current, current + 1].find((s) => s > last) ?? 0;
            return step;
          },
          { timeout: 35_000, intervals: [500] },
        )
        .toBeGreaterThan(0);
      last = step;
      return totp.generate({ timestamp: step * 30_000 });
    },
    /** The code used last (to try it again). */
    lastCode: () => totp.generate({ timestamp: last * 30_000 }),
  };
}

async function signedIn(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await browser.newPage({ baseURL });
  await signIn(page, email, password);
  await expect(page.getByRole("heading", { name: /Welcome,/ })).toBeVisible();
  return page;
}

/** Opens the site's Meters tab and asks for a SIM swap (which the server guards with MFA). */
async function changeSim(page: Page) {
  await page.goto(`/app/sites/${SITE}`);
  await page.getByRole("tab", { name: "Meters" }).click();
  await page.getByRole("button", { name: /Change SIM/ }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Swap SIM" }).click();
}

test.describe
  .serial("TOTP MFA of a fresh user", () => {
    // Several sign-ins per test: generous on a busy machine.
    test.describe.configure({ timeout: 120_000 });
    let user: FreshUser;
    let app: ReturnType<typeof authenticator>;
    let recovery: string[];

    test("enrol from the user menu: QR and key, a first code, recovery codes shown once", async ({ page, browser }) => {
      await loginAs(page, "tenantAdmin");
      user = await createUserWithRole(page.request, baseURL, "MFA User", [
        "sites.detail.view",
        "sites.detail.tabs.meters",
        "sites.detail.actions.change_sim",
      ]);
      const me = await signedIn(browser, user.email, user.password);

      // Without a second factor, the protected action explains where to set one up.
      await changeSim(me);
      const noFactor = me.getByRole("dialog", { name: "Two-factor authentication required" });
      await expect(noFactor).toBeVisible();
      await expect(noFactor.getByRole("link", { name: /Set up an authenticator/ })).toHaveAttribute(
        "href",
        "/account/security",
      );
      await me.screenshot({ path: "e2e/.screens/mfa-not-enrolled-dialog.png" });
      await noFactor.getByRole("button", { name: "Cancel" }).click();
      await expect(noFactor).toBeHidden();

      // Enrol: user menu → Security & MFA.
      await me.getByRole("button", { name: "Account menu" }).click();
      await me.getByRole("menuitem", { name: "Security & MFA" }).click();
      await expect(me).toHaveURL(/\/account\/security$/);
      await expect(me.getByRole("heading", { name: "Security & MFA" })).toBeVisible();
      await expect(me.getByText("Off", { exact: true })).toBeVisible();
      await me.screenshot({ path: "e2e/.screens/mfa-security-off.png", fullPage: true });

      await me.getByRole("button", { name: "Set up authenticator app" }).click();
      const qr = me.getByRole("img", { name: /QR code/ });
      await expect(qr).toBeVisible();
      expect(await qr.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
      const secret = (await me.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      await me.screenshot({ path: "e2e/.screens/mfa-enrol-qr.png", fullPage: true });
      app = authenticator(secret);

      // A wrong code is refused next to the field; the right one turns MFA on.
      const codeField = me.getByLabel("Authentication code");
      await codeField.fill("000000");
      await me.getByRole("button", { name: "Turn on" }).click();
      await expect(me.getByText(/not valid|already used/)).toBeVisible();
      await codeField.fill(await app.next());
      await me.getByRole("button", { name: "Turn on" }).click();
      await expect(me.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
      recovery = await me.getByTestId("recovery-code").allInnerTexts();
      expect(recovery).toHaveLength(10);
      expect(new Set(recovery).size).toBe(10);
      await me.screenshot({ path: "e2e/.screens/mfa-recovery-codes.png", fullPage: true });
      await expect(me.getByRole("button", { name: "Done" })).toBeDisabled();
      await me.getByLabel("I have saved these codes").check();
      await me.getByRole("button", { name: "Done" }).click();
      await expect(me.getByText("On", { exact: true })).toBeVisible();
      await expect(me.getByTestId("recovery-remaining")).toHaveText("10 of 10");
      // Confirming the app just proved the factor: this session is verified.
      await expect(me.getByTestId("step-up-state")).toContainText("Verified in this session");
      await me.screenshot({ path: "e2e/.screens/mfa-security-on.png", fullPage: true });
      // The secret is never given out again.
      const status = await (await me.request.get("/api/v1/me/mfa")).json();
      expect(status).toMatchObject({ enabled: true, recovery_codes_remaining: 10 });
      expect(JSON.stringify(status)).not.toContain(secret);
      expect((await me.request.post("/api/v1/me/mfa/enrol", { headers: sameOrigin })).status()).toBe(409);
      await me.close();
    });

    test("a new session gets 403 mfa_required, steps up in the dialog, and the action goes through; a code works once", async ({
      browser,
    }) => {
      const second = await signedIn(browser, user.email, user.password);
      const refused = await second.request.post(CHANGE_SIM, { headers: sameOrigin, data: {} });
      expect(refused.status()).toBe(403);
      expect(refused.headers()["content-type"]).toContain("application/problem+json");
      expect(await refused.json()).toMatchObject({
        code: "mfa_required",
        mfa_required: true,
        mfa_enrolled: true,
        permission: "sites.detail.actions.change_sim",
      });

      await changeSim(second);
      const stepUp = second.getByRole("dialog", { name: "Confirm it's you" });
      await expect(stepUp).toBeVisible();
      await stepUp.getByLabel("Authentication code").fill(await app.next());
      await expect(stepUp.getByRole("button", { name: "Verify and continue" })).toBeEnabled();
      await second.screenshot({ path: "e2e/.screens/mfa-step-up-dialog.png" });
      await stepUp.getByRole("button", { name: "Verify and continue" }).click();
      await expect(stepUp).toBeHidden();
      await expect(second.getByText(/SIM swap requested/)).toBeVisible();
      // Verified for 15 minutes: again at once, and on the other instance too (a signed cookie, no memory).
      expect((await second.request.post(CHANGE_SIM, { headers: sameOrigin, data: {} })).status()).toBe(200);
      expect(
        (await second.request.post(`${secondURL}${CHANGE_SIM}`, { headers: { origin: secondURL }, data: {} })).status(),
      ).toBe(200);
      // The code just used does not work a second time.
      const reused = await second.request.post("/api/v1/me/mfa/verify", {
        headers: sameOrigin,
        data: { code: app.lastCode() },
      });
      expect(reused.status()).toBe(400);
      await second.close();
    });

    test("a recovery code steps up once; turning MFA off needs a factor too", async ({ browser }) => {
      const third = await signedIn(browser, user.email, user.password);
      await changeSim(third);
      const dialog = third.getByRole("dialog", { name: "Confirm it's you" });
      await dialog.getByRole("button", { name: "Use a recovery code instead" }).click();
      await dialog.getByLabel("Recovery code").fill(recovery[0]!.toUpperCase());
      await dialog.getByRole("button", { name: "Verify and continue" }).click();
      await expect(dialog).toBeHidden();
      await expect(third.getByText(/SIM swap requested/)).toBeVisible();
      const again = await third.request.post("/api/v1/me/mfa/verify", {
        headers: sameOrigin,
        data: { recovery_code: recovery[0] },
      });
      expect(again.status()).toBe(400);
      expect((await again.json()).errors[0].path).toBe("body.recovery_code");
      expect((await (await third.request.get("/api/v1/me/mfa")).json()).recovery_codes_remaining).toBe(9);

      await third.goto("/account/security");
      await third.getByRole("button", { name: "Turn off" }).click();
      const off = third.getByRole("dialog", { name: "Turn off two-factor authentication?" });
      await off.getByRole("button", { name: "Use a recovery code instead" }).click();
      await off.getByLabel("Recovery code").fill(recovery[1]!);
      await off.getByRole("button", { name: "Turn off" }).click();
      await expect(third.getByText("Off", { exact: true })).toBeVisible();
      const disabled = await third.request.post(CHANGE_SIM, { headers: sameOrigin, data: {} });
      expect(disabled.status()).toBe(403);
      expect(await disabled.json()).toMatchObject({ code: "mfa_required", mfa_enrolled: false });
      await third.close();
    });
  });

test("MFA routes are for signed-in users; bodies are validated; admin flows need no step-up", async ({
  page,
  request,
}) => {
  expect((await request.get("/api/v1/me/mfa")).status()).toBe(401);
  expect((await request.post("/api/v1/me/mfa/verify", { data: { code: "123456" } })).status()).toBe(401);
  await loginAs(page, "tenantAdmin");
  const api = page.request;
  const headers = sameOrigin;
  // Either a code or a recovery code, not both, nothing else.
  expect((await api.post("/api/v1/me/mfa/verify", { headers, data: {} })).status()).toBe(400);
  expect(
    (
      await api.post("/api/v1/me/mfa/verify", { headers, data: { code: "123456", recovery_code: "abcde-fghjk" } })
    ).status(),
  ).toBe(400);
  expect((await api.post("/api/v1/me/mfa/verify", { headers, data: { code: "123456", extra: 1 } })).status()).toBe(400);
  // Not enrolled: verifying is a conflict that says so.
  const notEnrolled = await api.post("/api/v1/me/mfa/verify", { headers, data: { code: "123456" } });
  expect(notEnrolled.status()).toBe(409);
  expect((await notEnrolled.json()).code).toBe("mfa_not_enrolled");
  // No gatehouse.* permission requires MFA: the console's writes work without a step-up.
  const role = await api.post("/api/v1/roles", { headers, data: { name: `No step-up ${Date.now()}` } });
  expect(role.status()).toBe(201);
  expect((await api.delete(`/api/v1/roles/${(await role.json()).id}`, { headers })).status()).toBe(204);
});
