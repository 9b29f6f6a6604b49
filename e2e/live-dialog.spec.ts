import { expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { createUserWithRole } from "./support/fresh-user";
import { loginAs, signedInPage } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

/**
 * Issue 14 §5: a live revocation never costs the user what they typed. The open dialog stays
 * with its text, a toast and the dialog say in words what changed and who can help, and
 * submitting asks the gate again (the server refuses anyway). End users see no engine words.
 */
const SHOTS = process.env.A11Y_SHOTS ?? "e2e/.screens";

test.describe("live updates never cost work", () => {
  test.describe.configure({ timeout: 120_000 });
  test.use({ viewport: { width: 1440, height: 900 } });

  test("a revocation with the note dialog open keeps the dialog and its text, and says what changed", async ({
    page,
    browser,
  }) => {
    await loginAs(page, "tenantAdmin");
    const admin = page.request;
    const user = await createUserWithRole(admin, baseURL, "Live Dialog", [
      "sites.list.view",
      "sites.detail.view",
      "sites.detail.actions.add_note",
    ]);
    const member = await signedInPage(browser, user.email, user.password);
    await member.goto("/app/sites/S-1001");
    await expect(member.getByTestId("live-status")).toContainText("Permissions update live");
    // No engine words on the product's screens.
    await expect(member.getByTestId("live-status")).not.toContainText(/v\d+/);
    await member.getByRole("button", { name: "Add note" }).click();
    const dialog = member.getByRole("dialog", { name: "Add a note" });
    const note = dialog.getByLabel("Note");
    const typed = "Meter 3 cabinet door hinge broken; replaced the seal, order a new hinge.";
    await note.fill(typed);

    const role = await (await admin.get(`/api/v1/roles/${user.roleId}`)).json();
    const revoked = await admin.delete(`/api/v1/roles/${user.roleId}/permissions`, {
      headers: sameOrigin,
      data: { version: role.version, codes: ["sites.detail.actions.add_note"] },
    });
    expect(revoked.status(), await revoked.text()).toBe(200);

    // The toast says it in words; the dialog is still there with every character.
    await expect(member.locator("[data-sonner-toast]", { hasText: "You can no longer add a note." })).toBeVisible({
      timeout: 5_000,
    });
    await expect(dialog).toBeVisible();
    await expect(note).toHaveValue(typed);
    await expect(dialog.getByTestId("revoked-while-open")).toContainText(
      "An administrator of your organization can give the access back.",
    );
    await member.screenshot({ path: `${SHOTS}/live-dialog-revoked-1440.png` });

    // Submitting asks the gate again: nothing is sent, the text stays.
    let posted = 0;
    member.on("request", (r) => {
      if (r.method() === "POST" && r.url().includes("/notes")) posted += 1;
    });
    await dialog.getByRole("button", { name: "Add note" }).click();
    await expect(dialog).toBeVisible();
    await expect(note).toHaveValue(typed);
    expect(posted).toBe(0);
    // And the server refuses anyway.
    const direct = await member.request.post("/api/demo/sites/S-1001/notes", {
      headers: sameOrigin,
      data: { text: typed },
    });
    expect(direct.status()).toBe(403);

    // Closing it leaves the button disabled, saying why.
    await dialog.getByRole("button", { name: "Close" }).first().click();
    await expect(dialog).toHaveCount(0);
    await expect(member.getByRole("button", { name: "Add note" })).toBeDisabled();
    await member.context().close();
  });

  test("a page the plan leaves out says what and who can help, without engine words", async ({ browser }) => {
    const page = await signedInPage(browser, "admin@initech.test");
    await page.goto("/app");
    await page
      .getByRole("navigation", { name: "Product" })
      .locator("a[data-locked]", { hasText: "Categories" })
      .click();
    const panel = page.getByTestId("upgrade-panel");
    await expect(panel).toContainText("An administrator of your organization can change the plan.");
    for (const word of ["refuses", "with reason", "perm_version"]) await expect(panel).not.toContainText(word);
    await page.screenshot({ path: `${SHOTS}/upgrade-panel-1440.png` });
    await page.context().close();
  });
});
