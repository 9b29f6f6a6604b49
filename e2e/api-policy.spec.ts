import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { parse } from "yaml";
import { loginAs, PERSONAS, signedInPage } from "./support/personas";
import { freshTenant, samplePolicy, stamp, withDefaultRoles } from "./support/policy";
import { sameOrigin } from "./support/same-origin";

const POLICY = "/api/v1/policy";
const inTenant = (id: string, extra: Record<string, string> = {}) => ({ ...sameOrigin, "x-tenant-id": id, ...extra });

/** What a refusal must leave as it was: the tenant's perm_version, its newest audit entry and its document. */
async function stateOf(api: APIRequestContext, tenantId: string) {
  const me = await (await api.get("/api/v1/me/permissions", { headers: inTenant(tenantId) })).json();
  const audit = await (await api.get("/api/v1/audit?limit=1", { headers: inTenant(tenantId) })).json();
  const doc = await (await api.get(POLICY, { headers: inTenant(tenantId) })).text();
  return { permVersion: me.perm_version as number, newest: audit.data[0]?.id as string | undefined, doc };
}

test.describe("policy as code over the API", () => {
  test("promote: a document applied to a fresh tenant exports byte for byte; a dry run writes nothing", async ({
    page,
  }) => {
    await loginAs(page, "superAdmin");
    const api = page.request;
    const source = await freshTenant(api, "Policy source");
    const target = await freshTenant(api, "Policy target");
    const sample = await withDefaultRoles(api, source, samplePolicy(stamp()));
    let res = await api.put(POLICY, { headers: inTenant(source), data: sample });
    expect(res.status(), await res.text()).toBe(200);

    const exported = await api.get(POLICY, { headers: inTenant(source) });
    const again = await api.get(POLICY, { headers: inTenant(source) });
    const text = await exported.text();
    expect(await again.text()).toBe(text);
    const doc = JSON.parse(text);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    const yaml = await api.get(POLICY, { headers: inTenant(source, { accept: "application/yaml" }) });
    expect(yaml.headers()["content-type"]).toContain("application/yaml");
    expect(yaml.headers()["content-disposition"]).toMatch(/attachment; filename="policy-policy-.+\.yaml"/);
    expect(parse(await yaml.text())).toEqual(doc);

    const before = await stateOf(api, target);
    res = await api.put(`${POLICY}?dry_run=true`, { headers: inTenant(target), data: doc });
    expect(res.status()).toBe(200);
    const dry = await res.json();
    expect(dry.perm_version).toBe(before.permVersion);
    expect(dry.changes).toContainEqual(expect.objectContaining({ op: "add", kind: "role", key: "Report Exporter" }));
    expect(await stateOf(api, target)).toEqual(before);

    res = await api.put(POLICY, { headers: inTenant(target, { "if-match": String(dry.perm_version) }), data: doc });
    expect(res.status(), await res.text()).toBe(200);
    const applied = await res.json();
    expect(applied.changes).toEqual(dry.changes);
    expect(res.headers()["x-perm-version"]).toBe(String(applied.perm_version));
    expect(await (await api.get(POLICY, { headers: inTenant(target) })).text()).toBe(text);
    const audit = await (await api.get("/api/v1/audit?limit=1", { headers: inTenant(target) })).json();
    expect(audit.data[0]).toMatchObject({ action: "policy.applied" });
  });

  test("a document that breaks a rule changes nothing and names it", async ({ page }) => {
    await loginAs(page, "superAdmin");
    const api = page.request;
    const tenant = await freshTenant(api, "Policy rules");
    const sample = await withDefaultRoles(api, tenant, samplePolicy(stamp()));
    expect((await api.put(POLICY, { headers: inTenant(tenant), data: sample })).status()).toBe(200);
    const doc = await (await api.get(POLICY, { headers: inTenant(tenant) })).json();
    const role = (d: typeof doc, name: string) => d.roles.find((r: { name: string }) => r.name === name);

    const refused = async (data: unknown, status: number, headers: Record<string, string> = {}) => {
      const before = await stateOf(api, tenant);
      const res = await api.put(POLICY, { headers: inTenant(tenant, headers), data });
      expect(res.status(), await res.text()).toBe(status);
      expect(res.headers()["content-type"]).toContain("application/problem+json");
      expect(await stateOf(api, tenant)).toEqual(before);
      return res.json();
    };
    const cycle = structuredClone(doc);
    role(cycle, "Report Reader").parents = ["Report Exporter"];
    expect((await refused(cycle, 422)).detail).toMatch(/cycle/);

    const system = structuredClone(doc);
    role(system, "Admin").description = "Mine";
    expect((await refused(system, 422)).detail).toMatch(/system role/);

    const stale = structuredClone(doc);
    role(stale, "Report Reader").description = "Late";
    const { permVersion } = await stateOf(api, tenant);
    expect(await refused(stale, 412, { "if-match": String(permVersion - 1) })).toMatchObject({
      current_perm_version: permVersion,
    });

    const invalid = await refused({ ...doc, roles: [{ name: "", grants: [{ code: "Not A Code" }] }] }, 400);
    expect(invalid.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(["body.roles.0.name", "body.roles.0.grants.0.code"]),
    );
  });

  test("who may: a member is refused, an API key reads with its scope, the schema is public", async ({
    page,
    browser,
    playwright,
  }) => {
    await loginAs(page, "tenantAdmin");
    const key = await page.request.post("/api/v1/api-keys", {
      headers: sameOrigin,
      data: { name: `policy reader ${stamp()}`, scopes: ["read"] },
    });
    expect(key.status()).toBe(201);
    const { secret } = await key.json();
    const origin = new URL(page.url()).origin;
    const anonymous = await playwright.request.newContext({ baseURL: origin });
    const withKey = (path: string, init: { method?: "GET" | "PUT"; data?: unknown } = {}) =>
      anonymous.fetch(path, {
        method: init.method ?? "GET",
        headers: { authorization: `Bearer ${secret}` },
        data: init.data,
      });
    const mine = await withKey(POLICY);
    expect(mine.status()).toBe(200);
    const doc = await mine.json();
    // Acme's document is Acme's: nothing of Globex's in it.
    expect(doc.roles.map((r: { name: string }) => r.name)).not.toContain("Warehouse Clerk");
    // A read key cannot apply (scope write).
    expect((await withKey(`${POLICY}?dry_run=true`, { method: "PUT", data: doc })).status()).toBe(403);
    expect((await anonymous.get(POLICY)).status()).toBe(401);
    // The command line, against this server with the same key: the same document; diff needs `write`.
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ["cli/gatehouse.mjs", "policy", ...args, "--url", origin, "--key", secret], {
        encoding: "utf8",
      });
    // Other specs write to Acme at the same time: compare with the API's document read right
    // after the CLI's, until no write fell between the two (a few tries).
    let exported = cli("export", "--format", "json");
    for (let attempt = 0; ; attempt++) {
      expect(exported.status, exported.stderr).toBe(0);
      const now = await (await withKey(POLICY)).json();
      if (JSON.stringify(JSON.parse(exported.stdout)) === JSON.stringify(now) || attempt >= 4) {
        expect(JSON.parse(exported.stdout)).toEqual(now);
        break;
      }
      exported = cli("export", "--format", "json");
    }
    const file = test.info().outputPath("acme.json");
    writeFileSync(file, exported.stdout);
    const diff = cli("diff", file);
    expect(diff.status).toBe(1);
    expect(diff.stderr).toMatch(/^Refused \(403\)/);
    const schema = await anonymous.get("/api/v1/policy/schema");
    expect(schema.status()).toBe(200);
    expect(await schema.json()).toMatchObject({ type: "object", required: ["gatehouse_policy"] });
    await anonymous.dispose();

    const member = await signedInPage(browser, PERSONAS.member.email);
    const refused = await member.request.put(`${POLICY}?dry_run=true`, { headers: sameOrigin, data: doc });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).missing_permission).toBe("gatehouse.roles.manage");
    await member.close();
  });
});
