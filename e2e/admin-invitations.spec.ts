import { expect as baseExpect, type Page, test } from "@playwright/test";
import { tag } from "./support/fresh-user";
import { PERSONAS, signIn } from "./support/personas";

const SHOTS = process.env.INVITE_SHOTS ?? "/work/wip-store/shots/invite";

async function shots(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}-1440.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/${name}-390.png` });
  await page.setViewportSize({ width: 1440, height: 900 });
}

// Several browsers and sign-ins per test: on a busy shared machine a sign-in alone can take over
// 10 s, so each test gets 4 minutes and each wait a minute.
test.describe.configure({ timeout: 240_000 });
const expect = baseExpect.configure({ timeout: 60_000 });

async function loginAs(page: Page, persona: keyof typeof PERSONAS) {
  await signIn(page, PERSONAS[persona].email);
  await expect(page.getByRole("heading", { name: /Welcome,/ })).toBeVisible();
}
test.use({ viewport: { width: 1440, height: 900 } });

test("an admin invites from the users page, copies the link once; the new person accepts it and lands in the product with the role", async ({
  page,
  browser,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await loginAs(page, "tenantAdmin");
  await page.goto("/admin/users");
  const email = `ina.${tag()}@example.test`;

  // 1. Invite → 2. email → 3. a role → 4. expiry → 5. create.
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Invite someone" });
  await dialog.getByLabel("Email").fill(email);
  // Only roles the admin may give are offered; the Admin may give them all, Field Engineer among them.
  await dialog.getByRole("checkbox", { name: "Give role Field Engineer" }).check();
  await dialog.getByLabel("The link expires after").selectOption("3");
  await shots(page, "invite-dialog");
  await dialog.getByRole("button", { name: "Create invitation link" }).click();

  // The link, once, with a copy button.
  const shown = page.getByRole("dialog", { name: "Invitation link" });
  const link = shown.getByLabel("Invitation link");
  await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await shown.getByRole("button", { name: "Copy link" }).click();
  await expect(shown.getByRole("button", { name: "Copy link" })).toHaveText("Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await link.inputValue());
  await shots(page, "invite-link");
  await shown.getByRole("button", { name: "Done" }).click();

  // Pending, with its expiry; the link is nowhere on the page any more.
  const pending = page.getByRole("table", { name: "Pending invitations" });
  const row = pending.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Field Engineer");
  await expect(row).toContainText(/in 3 days|in 2 days|in 72 hours/);
  await expect(page.getByText(new URL(copied).pathname)).toHaveCount(0);
  await shots(page, "invite-pending");

  // The new person, in a fresh browser: name, password → signed in, in the product.
  const fresh = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const ina = await fresh.newPage();
  await ina.goto(copied);
  await expect(ina.getByRole("heading", { name: /^Join Acme/ })).toBeVisible();
  await expect(ina.getByText(email)).toBeVisible();
  // Too short a password: told so, nothing made.
  await ina.getByLabel("Your name").fill("Ina Invitee");
  await ina.getByLabel("Choose a password").fill("short");
  await ina.getByRole("button", { name: "Create account and join" }).click();
  await expect(ina.getByText("At least 12 characters")).toBeVisible();
  await shots(ina, "invite-accept");
  await ina.getByLabel("Choose a password").fill("ina's long password");
  await ina.getByRole("button", { name: "Create account and join" }).click();
  await expect(ina.getByRole("heading", { name: "Welcome, Ina" })).toBeVisible();
  await shots(ina, "invite-landed");
  // The link's own origin (the server names itself as it sees its requests; see the report on links behind a proxy).
  const me = await (await ina.request.get(new URL("/api/v1/me", copied).toString())).json();
  expect(me.user.email).toBe(email);
  expect(me.roles.map((r: { name: string }) => r.name)).toEqual(["Field Engineer"]);
  // The link again: used.
  await ina.goto(copied);
  await expect(ina.getByRole("heading", { name: "This invitation can no longer be used" })).toBeVisible();
  await fresh.close();

  // Back on the admin's page: no longer pending, now a member.
  await page.reload();
  await expect(page.getByRole("table", { name: "Pending invitations" }).getByText(email)).toHaveCount(0);
});

test("an existing account is asked to sign in, then joins; revoking a link makes it useless", async ({
  page,
  browser,
}) => {
  await loginAs(page, "tenantAdmin");
  await page.goto("/admin/users");
  // An account of Initech only, made for this test (its password is its own).
  const initech = await browser.newPage();
  await signIn(initech, "admin@initech.test");
  await expect(initech.getByRole("heading", { name: /Welcome,/ })).toBeVisible();
  const outsider = `olive.${tag()}@initech.test`;
  const made = await initech.request.post("/api/v1/users", {
    headers: { origin: new URL(page.url()).origin },
    data: { email: outsider, name: "Olive Outsider", password: "olive's own password" },
  });
  expect(made.status(), await made.text()).toBe(201);
  await initech.close();

  await page.getByRole("button", { name: "Invite", exact: true }).click();
  let dialog = page.getByRole("dialog", { name: "Invite someone" });
  await dialog.getByLabel("Email").fill(outsider);
  await dialog.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByRole("dialog", { name: "Invitation link" }).getByLabel("Invitation link").inputValue();
  await page.getByRole("button", { name: "Done" }).click();

  const fresh = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const olive = await fresh.newPage();
  await olive.goto(link);
  await expect(olive.getByText("You already have a Gatehouse account")).toBeVisible();
  await olive.screenshot({ path: `${SHOTS}/invite-existing-390.png` });
  await olive.getByRole("link", { name: "Sign in to accept" }).click();
  await olive.getByLabel("Email").fill(outsider);
  await olive.getByLabel("Password").fill("olive's own password");
  await olive.getByRole("button", { name: "Sign in" }).click();
  await olive.getByRole("button", { name: /^Join Acme/ }).click();
  await expect(olive.getByRole("heading", { name: /Welcome,/ })).toBeVisible();
  const res = await olive.request.get(new URL("/api/v1/me", link).toString());
  expect(res.status(), await res.text()).toBe(200);
  const me = await res.json();
  expect(me.tenants.map((t: { slug: string }) => t.slug).sort()).toEqual(["acme", "initech"]);
  expect(me.tenant.slug).toBe("acme");
  await fresh.close();

  // Revoke: a new invitation, revoked from the list; its link says so.
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  dialog = page.getByRole("dialog", { name: "Invite someone" });
  const email = `revoked.${tag()}@example.test`;
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByRole("button", { name: "Create invitation link" }).click();
  const revokedLink = await page
    .getByRole("dialog", { name: "Invitation link" })
    .getByLabel("Invitation link")
    .inputValue();
  await page.getByRole("button", { name: "Done" }).click();
  await page.getByRole("button", { name: `Revoke ${email}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
  // While the dialog is open the page behind it is hidden from the accessibility tree: wait for the answer.
  await expect(page.getByRole("alertdialog")).toBeHidden();
  await expect(page.getByRole("table", { name: "Pending invitations" }).getByText(email)).toHaveCount(0);
  const anon = await browser.newPage();
  await anon.goto(revokedLink);
  await expect(anon.getByRole("heading", { name: "This invitation can no longer be used" })).toBeVisible();
  await anon.close();
});

test("a super-admin creates a tenant with its first admin's email and gets the invitation link once", async ({
  page,
}) => {
  await signIn(page, PERSONAS.superAdmin.email);
  await expect(page.getByRole("heading", { name: /Welcome,/ })).toBeVisible();
  await page.goto("/admin/tenants");
  await page
    .getByRole("button", { name: /New tenant/ })
    .first()
    .click();
  const t = tag();
  const dialog = page.getByRole("dialog", { name: "New tenant" });
  await dialog.getByLabel("Name").fill(`Invited Co ${t}`);
  await dialog.getByLabel("First admin’s email (optional)").fill(`boss.${t}@example.test`);
  await dialog.getByRole("button", { name: "Create tenant" }).click();
  const ready = page.getByRole("dialog", { name: `Invited Co ${t} is ready` });
  await expect(ready).toContainText(`boss.${t}@example.test is invited as its Admin`);
  await expect(ready.getByLabel("Invitation link")).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await shots(page, "tenant-first-admin");
});
