import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { signedInPage } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

/**
 * Approval requests (issue 13 §2): a request holds the dependencies its grant pulls in and the
 * requester's reason; the approver sees a live pending count in the console's sidebar and, in
 * the approve dialog, whom the grant reaches; approving applies the grant and its dependencies
 * together. Bad input is refused with field paths and changes nothing.
 */
const unique = (name: string) =>
  `${name} ${Date.now().toString(36).slice(-4)}${Math.random().toString(36).slice(2, 5)}`;
/** Screenshots for review, when SHOTS_DIR names a folder (outside the worktree). */
const shot = async (page: Page, name: string) => {
  if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/${name}.png` });
};
type Approval = {
  id: string;
  status: string;
  role: { id: string; name: string } | null;
  permission: { code: string };
  payload: { dependencies?: { code: string }[]; reason?: string };
};

async function grantsOf(api: APIRequestContext, id: string): Promise<string[]> {
  return ((await (await api.get(`/api/v1/roles/${id}`)).json()).permissions as { code: string }[])
    .map((p) => p.code)
    .sort();
}
const pendingOf = async (api: APIRequestContext) =>
  (await (await api.get("/api/v1/approvals?status=pending&limit=200")).json()).data as Approval[];
const permVersion = async (api: APIRequestContext) =>
  (await (await api.get("/api/v1/me/permissions")).json()).perm_version as number;

test.describe("approval requests", () => {
  // One after the other: both open and decide requests, and the first counts them.
  test.describe.configure({ timeout: 120_000, mode: "serial" });

  test("a grant with its dependency and a typed reason waits in one request; the approver's count moves live; approving applies both", async ({
    browser,
  }) => {
    const admin = await signedInPage(browser, "admin@acme.test");
    await admin.setViewportSize({ width: 1440, height: 900 });
    const api = admin.request;
    const role = (await (
      await api.post("/api/v1/roles", { headers: sameOrigin, data: { name: unique("QA Journal") } })
    ).json()) as { id: string; name: string };
    // Someone holds the role, so the approve dialog has someone to name.
    const member = await api.post("/api/v1/users", {
      headers: sameOrigin,
      data: { email: `${unique("qa-journal").replace(/\s/g, "-")}@acme.test`, name: "Jo Journal", role_ids: [role.id] },
    });
    expect(member.status()).toBe(201);

    // The approver watches the queue: the sidebar counts what is pending.
    const ops = await signedInPage(browser, "ops-admin@acme.test");
    await ops.setViewportSize({ width: 1440, height: 900 });
    await ops.goto("/admin/approvals");
    const count = ops.getByRole("navigation", { name: "Admin console" }).getByTestId("pending-approvals-count");
    await expect(ops.getByRole("heading", { name: "Approvals", exact: true })).toBeVisible();
    // The sidebar counts what the pending list shows (other specs may open and decide requests
    // meanwhile, so the invariant is checked, not a fixed number); none pending shows no badge.
    const rows = ops.getByTestId("approval-row");
    const shown = async () => ((await count.count()) ? Number((await count.innerText()).replace(/\D/g, "")) : 0);
    const countMatchesList = () => expect.poll(async () => (await shown()) === (await rows.count())).toBe(true);
    await countMatchesList();

    // The requester ticks finance.journal.delete in the matrix: its dependency comes along.
    await admin.goto("/admin/matrix");
    await expect(admin.getByRole("table", { name: "Permission matrix" })).toBeVisible();
    await admin.getByLabel("Filter permissions").fill("finance.journal");
    await admin.getByRole("button", { name: /^Columns/ }).click();
    await admin.getByRole("button", { name: `Pin ${role.name}` }).click();
    await admin.keyboard.press("Escape");
    await admin.getByRole("checkbox", { name: `Grant finance.journal.delete to ${role.name}`, exact: true }).click();
    await expect(
      admin.getByRole("checkbox", { name: `Grant finance.journal.view to ${role.name}`, exact: true }),
    ).toHaveAttribute("data-state", "checked");
    await admin.getByRole("button", { name: "Save…" }).click();
    const review = admin.getByRole("dialog", { name: "Review changes before saving" });
    await review.getByRole("button", { name: /^Confirm/ }).click();
    // A request goes to another admin: the console asks why first.
    await expect(review.getByText("Say why: the admin who decides reads it with the request.")).toBeVisible();
    await review.getByLabel("Why do you ask? (for the approver)").fill("Year-end corrections need journal deletes");
    await shot(admin, "matrix-review-reason-1440");
    await review.getByRole("button", { name: /^Confirm/ }).click();
    await expect(review).toBeHidden();
    // Nothing took effect yet: neither the grant nor the dependency it pulled in.
    expect(await grantsOf(api, role.id)).toEqual([]);

    // Without a reload, the approver's list gains the request and the count follows it; the
    // request says what comes with it and why.
    const row = rows.filter({ hasText: role.name });
    await expect(row).toBeVisible();
    await countMatchesList();
    expect(await shown()).toBeGreaterThan(0);
    await expect(row.getByTestId("approval-dependencies")).toContainText("finance.journal.view");
    await expect(row.getByTestId("approval-request-reason")).toContainText("Year-end corrections need journal deletes");
    await shot(ops, "approvals-list-1440");
    await row.getByRole("button", { name: "Approve finance.journal.delete" }).click();
    const dialog = ops.getByRole("dialog", { name: "Approve this request?" });
    await expect(dialog.getByTestId("grant-reach")).toContainText("Reaches 1 user");
    await expect(dialog.getByTestId("grant-reach")).toContainText("Jo Journal");
    await expect(dialog.getByTestId("approval-dependencies")).toContainText("finance.journal.view");
    await shot(ops, "approve-dialog-1440");
    await dialog.getByRole("button", { name: "Approve", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toHaveCount(0);
    await countMatchesList();
    // Approved together: the grant and the dependency it pulled in.
    expect(await grantsOf(api, role.id)).toEqual(["finance.journal.delete", "finance.journal.view"]);

    await ops.setViewportSize({ width: 390, height: 844 });
    await ops.goto("/admin/approvals?status=approved");
    await shot(ops, "approvals-approved-390");
    await admin.close();
    await ops.close();
  });

  test("the API: reason and dependencies are kept on the request; bad input is refused with field paths and changes nothing", async ({
    browser,
  }) => {
    const admin = await signedInPage(browser, "admin@acme.test");
    const api = admin.request;
    const created = await api.post("/api/v1/roles", { headers: sameOrigin, data: { name: unique("QA Reason") } });
    const role = (await created.json()) as { id: string; version: number };

    // Refused: the reason is empty, too long or not text (400, naming body.reason); an unknown
    // code beside a valid reason (422, naming it). Nothing changes: no grant, no request, no version.
    const version = await permVersion(api);
    const pending = (await pendingOf(api)).length;
    const bad: [Record<string, unknown>, number, string][] = [
      [{ reason: "" }, 400, "body.reason"],
      [{ reason: "   " }, 400, "body.reason"],
      [{ reason: "x".repeat(1001) }, 400, "body.reason"],
      [{ reason: 42 }, 400, "body.reason"],
      [{ reason: "fine", extra: true }, 400, "body.extra"],
    ];
    for (const [extra, status, path] of bad) {
      const res = await api.put(`/api/v1/roles/${role.id}/permissions`, {
        headers: sameOrigin,
        data: { version: role.version, permissions: [{ code: "finance.journal.delete" }], ...extra },
      });
      expect(res.status(), JSON.stringify(extra).slice(0, 60)).toBe(status);
      expect(res.headers()["content-type"]).toContain("application/problem+json");
      expect(((await res.json()).errors as { path: string }[]).map((e) => e.path)).toContain(path);
    }
    const matrixBad = await api.patch("/api/v1/matrix", {
      headers: sameOrigin,
      data: { reason: "", changes: [{ role_id: role.id, version: role.version, grant: ["finance.journal.delete"] }] },
    });
    expect(matrixBad.status()).toBe(400);
    expect(((await matrixBad.json()).errors as { path: string }[]).map((e) => e.path)).toContain("body.reason");
    const unknownCode = await api.put(`/api/v1/roles/${role.id}/permissions`, {
      headers: sameOrigin,
      data: {
        version: role.version,
        reason: "Needed for the audit",
        permissions: [{ code: "finance.journal.delete" }, { code: "finance.journal.nope" }],
      },
    });
    expect(unknownCode.status()).toBe(422);
    expect(await unknownCode.json()).toMatchObject({ unknown_codes: ["finance.journal.nope"] });
    expect(await permVersion(api)).toBe(version);
    expect((await pendingOf(api)).length).toBe(pending);
    expect(await grantsOf(api, role.id)).toEqual([]);
    const after = (await (await api.get(`/api/v1/roles/${role.id}`)).json()) as { version: number };
    expect(after.version).toBe(role.version);

    // Accepted: 202; one request holding the dependency and the reason; nothing granted yet.
    const res = await api.put(`/api/v1/roles/${role.id}/permissions`, {
      headers: sameOrigin,
      data: {
        version: role.version,
        reason: "  Needed for the audit  ",
        permissions: [{ code: "finance.journal.delete" }, { code: "finance.journal.view" }],
      },
    });
    expect(res.status()).toBe(202);
    const body = (await res.json()) as { approvals: { id: string; code: string }[] };
    expect(body.approvals.map((a) => a.code)).toEqual(["finance.journal.delete"]);
    const request = (await pendingOf(api)).find((a) => a.id === body.approvals[0]!.id)!;
    expect(request.payload.reason).toBe("Needed for the audit");
    expect(request.payload.dependencies?.map((d) => d.code)).toEqual(["finance.journal.view"]);
    expect(await grantsOf(api, role.id)).toEqual([]);

    // Rejected: neither the grant nor its dependency is applied.
    const ops = await signedInPage(browser, "ops-admin@acme.test");
    const rejected = await ops.request.post(`/api/v1/approvals/${request.id}/reject`, {
      headers: sameOrigin,
      data: { reason: "Use a time-limited override" },
    });
    expect(rejected.status()).toBe(200);
    expect(await grantsOf(api, role.id)).toEqual([]);
    await admin.close();
    await ops.close();
  });
});
