import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { loginAs } from "./support/personas";
import { sameOrigin } from "./support/same-origin";

/**
 * The operator command line against this running server (`--url` with an API key), as an operator
 * runs it: doctor from outside, and the dry runs of the commands that write (other specs share
 * Acme, so nothing is applied here; cli/ops.test.ts applies them against a server on its own database).
 */
test("gatehouse --url: doctor, users import and migrate-legacy-menus (dry runs) through the API", async ({ page }) => {
  test.setTimeout(90_000);
  await loginAs(page, "tenantAdmin");
  const made = await page.request.post("/api/v1/api-keys", {
    headers: sameOrigin,
    data: { name: `cli ${Date.now().toString(36)}`, scopes: ["read", "write"] },
  });
  expect(made.status()).toBe(201);
  const { id, secret } = await made.json();
  const origin = new URL(page.url()).origin;
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ["cli/gatehouse.mjs", ...args, "--url", origin, "--key", secret, "--json"], {
      encoding: "utf8",
    });

  const doctor = cli("doctor");
  expect(doctor.status, doctor.stdout + doctor.stderr).toBe(0);
  const report = JSON.parse(doctor.stdout);
  expect(report.findings.map((f: { check: string }) => f.check)).toEqual([
    "server",
    "database",
    "clock",
    "api key",
    "api",
  ]);
  expect(report.not_checked).toContain("migrations");

  const csv = test.info().outputPath("people.csv");
  writeFileSync(csv, "email,name,roles\ncli.remote@acme.test,Cli Remote,Field Engineer\nadmin@acme.test,Admin,\n");
  const imported = cli("users", "import", csv, "--dry-run");
  expect(imported.status, imported.stderr).toBe(0);
  expect(JSON.parse(imported.stdout)).toMatchObject({
    dry_run: true,
    rows: [
      { email: "cli.remote@acme.test", outcome: "created" },
      { email: "admin@acme.test", outcome: "exists" },
    ],
  });
  expect((await page.request.get("/api/v1/users?search=cli.remote")).status()).toBe(200);
  expect((await (await page.request.get("/api/v1/users?search=cli.remote")).json()).data).toEqual([]);

  const migrated = cli("migrate-legacy-menus", "--dry-run");
  expect(migrated.status, migrated.stderr).toBe(0);
  expect(JSON.parse(migrated.stdout)).toMatchObject({ dry_run: true });

  const refused = cli("cache", "clear");
  expect(refused.status).toBe(2);
  expect(refused.stderr).toMatch(/never over --url/);
  await page.request.delete(`/api/v1/api-keys/${id}`, { headers: sameOrigin });
});
