import { mkdirSync } from "node:fs";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { loginAs, signedInPage } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

/**
 * Issue 13 §1, "the role page is the place to edit a role": an Auditor built from its page in at
 * most 8 steps (counted) who then reads the audit log; a scoped, conditioned grant made in the
 * builder that decides as POST /api/v1/check says; the unsaved-changes prompt; the roles list's
 * summaries. Screenshots at 1440×900 and 390×844 go to ROLEEDIT_SHOTS.
 */
const SHOTS = process.env.ROLEEDIT_SHOTS ?? "/work/wip-store/shots/roleedit";
mkdirSync(SHOTS, { recursive: true });
const unique = (name: string) =>
  `${name} ${Date.now().toString(36).slice(-4)}${Math.random().toString(36).slice(2, 5)}`;
const PASSWORD = "correct-horse-battery-staple";
const counter = (page: Page) => page.getByRole("status").filter({ hasText: /^\d+ unsaved changes?$/ });
async function shots(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}-1440.png`, fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/${name}-390.png` });
  await page.setViewportSize({ width: 1440, height: 900 });
}
/** A member of Acme with no role at all (the tenant's default role taken off again). */
async function bareMember(api: APIRequestContext, label: string) {
  const email = `${unique(label).toLowerCase().replace(/\W+/g, "-")}@acme.test`;
  const res = await api.post("/api/v1/users", {
    headers: sameOrigin,
    data: { email, name: unique(label), password: PASSWORD },
  });
  expect(res.status(), await res.text()).toBe(201);
  const user = (await res.json()) as { id: string; name: string; role_ids: string[] };
  for (const roleId of user.role_ids) {
    const del = await api.delete(`/api/v1/users/${user.id}/roles/${roleId}`, { headers: sameOrigin });
    expect(del.status(), await del.text()).toBeLessThan(300);
  }
  return { ...user, email };
}

test.use({ viewport: { width: 1440, height: 900 } });
test.describe.configure({ timeout: 300_000 });

test("an Auditor built from its page in at most 8 steps reads the audit log", async ({ page, browser }) => {
  await loginAs(page, "tenantAdmin");
  const member = await bareMember(page.request, "QA Auditor");
  const name = unique("Auditor");
  await page.goto("/admin/roles");
  await expect(page.getByRole("heading", { name: "Roles", exact: true })).toBeVisible();

  let steps = 0;
  const step = async (action: Promise<unknown>) => {
    await action;
    steps++;
  };
  await step(page.getByRole("button", { name: "Create role" }).click());
  const create = page.getByRole("dialog", { name: "Create role" });
  await step(create.getByLabel("Name").fill(name));
  await step(create.getByRole("button", { name: "Create role" }).click());
  // The role's page renders the whole catalog on the server: give a busy machine time.
  await expect(page.getByRole("heading", { name })).toBeVisible({ timeout: 30_000 });
  const audit = page.getByRole("checkbox", { name: "Grant gatehouse.audit.view", exact: true });
  await step(audit.click());
  // The console is a dependency: pulled in and named.
  await expect(page.getByTestId("matrix-note")).toContainText(
    `Ticked gatehouse.audit.view for ${name} and also gatehouse.console, which it depends on.`,
  );
  await expect(page.getByRole("checkbox", { name: "Grant gatehouse.console", exact: true })).toBeChecked();
  await expect(counter(page)).toHaveText("2 unsaved changes");
  await shots(page, "role-editor-auditor-ticked");
  await step(page.getByRole("button", { name: "Save…" }).click());
  const review = page.getByRole("dialog", { name: "Review changes before saving" });
  await expect(review).toContainText("gatehouse.audit.view");
  await shots(page, "role-editor-review");
  await step(review.getByRole("button", { name: "Confirm 2 changes" }).click());
  await expect(page.getByTestId("matrix-note")).toContainText("Saved: 2 granted.");
  await step(page.getByRole("tab", { name: /Members/ }).click());
  await step(page.getByLabel("Add a member").selectOption({ label: `${member.name} (${member.email})` }));
  await expect(page.getByRole("table", { name: "Members with this role" })).toContainText(member.name);
  expect(steps, "steps to build the Auditor role from its page").toBeLessThanOrEqual(8);
  await shots(page, "role-members");

  const auditor = await signedInPage(browser, member.email, PASSWORD);
  await auditor.goto("/admin/audit");
  await expect(auditor.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await auditor.close();

  // The roles list summarises it: per action, its key permissions, the menu items it opens.
  await page.goto("/admin/roles");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
  await expect(row.getByTestId("role-access")).toContainText("gatehouse.audit.view");
  await shots(page, "roles-list");

  // Removing the member from the role page takes the log away again.
  await row.getByRole("link", { name, exact: true }).click();
  await page.getByRole("tab", { name: /Members/ }).click();
  await page.getByRole("button", { name: `Remove ${member.name} from ${name}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Remove from role" }).click();
  await expect(page.getByText("Nobody holds this role")).toBeVisible();
  const check = await page.request.post("/api/v1/check", {
    headers: sameOrigin,
    data: { user_id: member.id, code: "gatehouse.audit.view" },
  });
  expect((await check.json()).granted).toBe(false);
});

test("a scoped, conditioned grant made in the builder decides as POST /api/v1/check says", async ({ page }) => {
  await loginAs(page, "tenantAdmin");
  const api = page.request;
  const role = await (
    await api.post("/api/v1/roles", { headers: sameOrigin, data: { name: unique("QA Refunds") } })
  ).json();
  const member = await bareMember(api, "QA Refunder");
  expect(
    (await api.post(`/api/v1/users/${member.id}/roles`, { headers: sameOrigin, data: { role_id: role.id } })).status(),
  ).toBe(201);
  const items = (await (await api.get("/api/v1/menu-items?limit=200")).json()).data as {
    resource: string;
    name: string;
  }[];
  const orders = items.find((i) => i.resource === "sales.orders")!;

  await page.goto(`/admin/roles/${role.id}`);
  await page.getByLabel("Filter permissions").fill("sales.orders");
  await page.getByRole("checkbox", { name: `delete ${orders.name}`, exact: true }).click();
  // View comes with any other action of its row.
  await expect(page.getByRole("checkbox", { name: `view ${orders.name}`, exact: true })).toBeChecked();
  await page.getByRole("button", { name: `Scope and conditions of ${orders.name}: delete` }).click();
  const builder = page.getByRole("dialog", { name: /Scope and conditions of/ });
  await builder.getByLabel("Scope").selectOption("personal");
  await builder.getByRole("button", { name: "Add condition" }).click();
  await builder.getByLabel("Condition 1 field").fill("__proto__");
  await builder.getByLabel("Condition 1 value").fill("1");
  await expect(builder.getByTestId("condition-1-problem")).toHaveText('The key "__proto__" is not allowed');
  await expect(builder.getByRole("button", { name: "Apply" })).toBeDisabled();
  await builder.getByLabel("Condition 1 field").fill("amount");
  await builder.getByLabel("Condition 1 operator").selectOption("$lte");
  await builder.getByLabel("Condition 1 value").fill("100");
  await expect(builder.getByTestId("terms-preview")).toHaveText(
    "Granted only for resources the member owns, only when amount ≤ 100.",
  );
  await shots(page, "role-editor-conditions");
  await builder.getByRole("button", { name: "Apply" }).click();
  await page.getByRole("button", { name: "Save…" }).click();
  const review = page.getByRole("dialog", { name: "Review changes before saving" });
  await expect(review).toContainText(
    "sales.orders.delete: granted only for resources the member owns, only when amount ≤ 100",
  );
  await review.getByRole("button", { name: /^Confirm \d+ changes$/ }).click();
  await expect(page.getByTestId("matrix-note")).toContainText("Saved:");

  const saved = (await (await api.get(`/api/v1/roles/${role.id}`)).json()).permissions as {
    code: string;
    scope: string;
    conditions: unknown;
  }[];
  expect(saved.find((g) => g.code === "sales.orders.delete")).toMatchObject({
    scope: "personal",
    conditions: { amount: { $lte: 100 } },
  });

  const key = await (
    await api.post("/api/v1/api-keys", {
      headers: sameOrigin,
      data: { name: unique("Role editor"), scopes: ["check"] },
    })
  ).json();
  const decide = async (context?: Record<string, unknown>) =>
    (await (
      await api.post("/api/v1/check", {
        headers: { authorization: `Bearer ${key.secret}` },
        data: { user_id: member.id, code: "sales.orders.delete", ...(context ? { context } : {}) },
      })
    ).json()) as { granted: boolean; conditional: boolean };
  const mine = { resource: { owner_id: member.id } };
  expect(await decide({ ...mine, amount: 50 })).toMatchObject({ granted: true });
  expect(await decide({ ...mine, amount: 150 })).toMatchObject({ granted: false });
  expect(await decide({ resource: { owner_id: crypto.randomUUID() }, amount: 50 })).toMatchObject({ granted: false });
  expect(await decide()).toMatchObject({ granted: true, conditional: true });
  await api.delete(`/api/v1/api-keys/${key.id}`, { headers: sameOrigin });

  // The page shows the grant's terms in words after a reload.
  await page.reload();
  await page.getByLabel("Filter permissions").fill("sales.orders");
  await expect(page.getByRole("button", { name: `Scope and conditions of ${orders.name}: delete` })).toContainText(
    "only for resources the member owns, only when amount ≤ 100",
  );
  await shots(page, "role-editor-terms-saved");
});

test("the role editor asks before leaving with unsaved changes; an emptied role says it grants nothing", async ({
  page,
}) => {
  await loginAs(page, "tenantAdmin");
  const role = await (
    await page.request.post("/api/v1/roles", {
      headers: sameOrigin,
      data: { name: unique("QA Unsaved role"), permissions: [{ code: "sales.orders.view" }] },
    })
  ).json();
  await page.goto(`/admin/roles/${role.id}`);
  await page.getByLabel("Filter permissions").fill("gatehouse.audit");
  await page.getByRole("checkbox", { name: "Grant gatehouse.audit.view", exact: true }).click();
  await expect(counter(page)).toHaveText("2 unsaved changes");

  await page.getByRole("link", { name: "Roles", exact: true }).first().click();
  const ask = page.getByRole("alertdialog", { name: "Leave with 2 unsaved changes?" });
  await expect(ask).toContainText(`Your changes to the role ${role.name} are not saved.`);
  await shots(page, "role-editor-leave-prompt");
  await ask.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/roles/${role.id}`));
  await expect(counter(page)).toHaveText("2 unsaved changes");
  const unload = new Promise<string>((resolve) => page.once("dialog", (d) => (resolve(d.type()), void d.dismiss())));
  await page.close({ runBeforeUnload: true });
  expect(await unload).toBe("beforeunload");
  expect(page.isClosed()).toBe(false);

  // Discard, then empty the role: the review says it will grant nothing, and it saves.
  await page.getByRole("button", { name: "Discard", exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Discard changes" }).click();
  await page.getByLabel("Filter permissions").fill("");
  await page
    .getByRole("checkbox", { name: /^view / })
    .and(page.locator('[data-code="sales.orders.view"]'))
    .click();
  await page.getByRole("button", { name: "Save…" }).click();
  const review = page.getByRole("dialog", { name: "Review changes before saving" });
  await expect(review.getByTestId("grants-nothing")).toContainText(`After saving, ${role.name} grants nothing`);
  await review.getByRole("button", { name: "Confirm 1 change" }).click();
  await expect(page.getByTestId("matrix-note")).toContainText("Saved: 1 revoked.");
  expect((await (await page.request.get(`/api/v1/roles/${role.id}`)).json()).permissions).toEqual([]);
  await shots(page, "role-editor-empty");
});

test("the Members tab's picker searches the server: a member past the first 200 is found and added", async ({
  page,
}) => {
  await loginAs(page, "tenantAdmin");
  const api = page.request;
  const t = Date.now().toString(36) + Math.random().toString(36).slice(2, 5);
  // 210 members whose names sort after everyone else's (so the other specs' lists are untouched),
  // then one more after them: the first 200 by name cannot hold it. One import, one transaction.
  const fillers = Array.from({ length: 210 }, (_, i) => `zzz-filler-${t}-${i}@acme.test,zzz Filler ${t} ${i},`);
  const target = { email: `zzzz-picked-${t}@acme.test`, name: `zzzz Picked ${t}` };
  const csv = ["email,name,roles", ...fillers, `${target.email},${target.name},`].join("\n");
  const imported = await api.post("/api/v1/users/import", { headers: sameOrigin, data: { csv } });
  expect(imported.status(), await imported.text()).toBe(200);
  const first = (await (await api.get("/api/v1/users?limit=200")).json()) as {
    data: { email: string }[];
    next_cursor: string | null;
  };
  expect(first.next_cursor).not.toBeNull();
  expect(first.data.map((u) => u.email)).not.toContain(target.email);
  const role = await (
    await api.post("/api/v1/roles", { headers: sameOrigin, data: { name: unique("QA Picker role") } })
  ).json();

  await page.goto(`/admin/roles/${role.id}?tab=users`);
  const hint = page.getByTestId("member-picker-hint");
  await expect(hint).toContainText("Showing the first 200 members by name: type a name or email above");
  const picker = page.getByLabel("Add a member");
  await expect(picker.locator("option", { hasText: target.email })).toHaveCount(0);

  // More match than are shown: said so.
  const find = page.getByLabel("Find a member");
  await find.fill(`zzz Filler ${t}`);
  await expect(hint).toContainText(`More members match “zzz Filler ${t}” than the 50 shown`);

  await find.fill(`zzzz-picked-${t}`);
  await expect(hint).toContainText(`1 member matches “zzzz-picked-${t}”.`);
  await picker.selectOption({ label: `${target.name} (${target.email})` });
  await expect(page.getByRole("table", { name: "Members with this role" })).toContainText(target.name);
  await shots(page, "role-members-search");
  const holders = (await (await api.get(`/api/v1/roles/${role.id}/users`)).json()).data as { email: string }[];
  expect(holders.map((h) => h.email)).toEqual([target.email]);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("at 390 × 844 the role editor's toggles wrap under each menu item: visible, usable, no sideways scroll", async ({
    page,
  }) => {
    await loginAs(page, "tenantAdmin");
    const api = page.request;
    const role = await (
      await api.post("/api/v1/roles", {
        headers: sameOrigin,
        data: { name: unique("QA Phone role"), permissions: [{ code: "sales.orders.view" }] },
      })
    ).json();
    const items = (await (await api.get("/api/v1/menu-items?limit=200")).json()).data as {
      resource: string;
      name: string;
    }[];
    const orders = items.find((i) => i.resource === "sales.orders")!.name;
    await page.goto(`/admin/roles/${role.id}`);
    await expect(page.getByRole("heading", { name: role.name })).toBeVisible({ timeout: 30_000 });

    // Nothing scrolls sideways: not the page, not a module's menu table inside its card.
    const sideways = () =>
      page.evaluate(() => {
        const out: string[] = [];
        const doc = document.documentElement;
        if (doc.scrollWidth > doc.clientWidth + 1) out.push(`page ${doc.scrollWidth} > ${doc.clientWidth}`);
        for (const t of document.querySelectorAll("table")) {
          const frame = t.parentElement!;
          if (frame.scrollWidth > frame.clientWidth + 1)
            out.push(`${t.getAttribute("aria-label")} ${frame.scrollWidth} > ${frame.clientWidth}`);
        }
        return out;
      });
    expect(await sideways()).toEqual([]);

    await page.getByLabel("Filter permissions").fill("sales.orders");
    for (const action of ["view", "create", "edit", "delete", "export"]) {
      const box = page.getByRole("checkbox", { name: `${action} ${orders}`, exact: true });
      await box.scrollIntoViewIfNeeded();
      await expect(box).toBeInViewport({ ratio: 1 });
      const b = (await box.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(390);
    }
    // A tap on the box, a tap on its action's name, and the keyboard all toggle; names stay for screen readers.
    const del = page.getByRole("checkbox", { name: `delete ${orders}`, exact: true });
    await del.tap();
    await expect(del).toBeChecked();
    const row = page.getByRole("row").filter({ has: del });
    await row.locator("label", { hasText: /^export$/ }).tap();
    await expect(page.getByRole("checkbox", { name: `export ${orders}`, exact: true })).toBeChecked();
    const create = page.getByRole("checkbox", { name: `create ${orders}`, exact: true });
    await create.focus();
    await page.keyboard.press("Space");
    await expect(create).toBeChecked();
    await expect(counter(page)).toHaveText("3 unsaved changes");
    expect(await sideways()).toEqual([]);
    await expectAccessible(page, "the role editor at 390 px");
    await page.screenshot({ path: `${SHOTS}/role-editor-phone-390.png` });
    await page.getByLabel("Filter permissions").fill("");
    await page.screenshot({ path: `${SHOTS}/role-editor-phone-full-390.png`, fullPage: true });
  });
});
