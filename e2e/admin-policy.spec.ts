import { expect, test } from "@playwright/test";
import { stringify } from "yaml";
import { loginAs } from "./support/personas";
import { freshTenant, samplePolicy, stamp, withDefaultRoles } from "./support/policy";

test("roles page: export the policy, import a file with review, apply it", async ({ page }, info) => {
  await loginAs(page, "superAdmin");
  const tenant = await freshTenant(page.request, "Policy console");
  // This page's console works in the fresh tenant (its own cookie: other tests are not moved).
  await page.context().addCookies([{ name: "gh_tenant", value: tenant, url: new URL(page.url()).origin }]);
  await page.goto("/admin/roles");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export policy" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^policy-policy-.+\.yaml$/);

  const doc = await withDefaultRoles(page.request, tenant, samplePolicy(stamp()));
  const path = info.outputPath("policy.yaml");
  const { writeFile } = await import("node:fs/promises");
  await writeFile(path, stringify(doc));
  await page.getByTestId("policy-file").setInputFiles(path);

  const dialog = page.getByRole("dialog", { name: "Review the policy before applying" });
  await expect(dialog).toBeVisible();
  const roles = dialog.getByRole("region", { name: "Roles" });
  await expect(roles.getByText("Report Exporter")).toBeVisible();
  await expect(dialog.getByRole("region", { name: "Custom permissions" }).locator("li")).toHaveCount(3);
  await dialog.getByRole("button", { name: /^Confirm \d+ changes$/ }).click();
  await expect(page.getByText(/^Policy applied: \d+ changes$/)).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("link", { name: "Report Exporter" })).toBeVisible();

  // The same file again: nothing to apply.
  await page.getByTestId("policy-file").setInputFiles(path);
  await expect(dialog.getByText(/already is what this file says/)).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Confirm 0 changes" })).toBeDisabled();
});
