import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { parse, stringify } from "yaml";
import { closeWorld, driver, openWorld, type World } from "@/lib/api/testing/harness";
import type { PolicyDocument } from "@/lib/validation/policy";
import { localBackend } from "./local";
import { policyCommand, type Where } from "./policy";
import { captured, captureOutput, runParsed } from "./testing";

/**
 * `gatehouse policy export|diff|apply` on the database (the seeded demo world, either driver),
 * parsed by commander as the command line would be: only the database's closing is left out, since
 * the test's world outlives each command.
 */
// Auth.js and next/headers cannot load outside Next: the harness's stand-ins, as every in-process API test uses
// (the CLI itself never reads a session).
vi.mock("@/lib/auth", async () => (await import("@/lib/api/testing/fake-session")).fakeAuth);
vi.mock("next/headers", async () => (await import("@/lib/api/testing/fake-session")).fakeHeaders);

let world: World;
let dir: string;
const { out, err } = captured;

function gatehouse(...argv: string[]) {
  const deps = {
    backendOf: async (o: Where) => ({ ...(await localBackend(o.as!, o.tenant!)), close: async () => undefined }),
  };
  return runParsed(policyCommand(deps), argv);
}

beforeAll(async () => {
  world = await openWorld();
  dir = await mkdtemp(path.join(tmpdir(), "gatehouse-cli-"));
  vi.stubEnv("GATEHOUSE_CLI_CWD", dir);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await closeWorld(world);
});
beforeEach(captureOutput);

const as = ["--as", "admin@globex.test", "--tenant", "globex"];

describe(`gatehouse policy (${driver})`, () => {
  it("exports YAML to a file and JSON to standard output, the same document", async () => {
    expect(await gatehouse("export", ...as, "-o", "globex.yaml")).toBe(0);
    const yaml = parse(await readFile(path.join(dir, "globex.yaml"), "utf8"));
    expect(await gatehouse("export", ...as, "--json")).toBe(0);
    expect(JSON.parse(out.join(""))).toEqual(yaml);
    expect(yaml.roles.map((r: { name: string }) => r.name)).toContain("Warehouse Clerk");
  });

  it("diffs a changed file without writing, then applies it; a refusal exits 1 and says why", async () => {
    const doc: PolicyDocument = parse(await readFile(path.join(dir, "globex.yaml"), "utf8"));
    doc.roles.find((r) => r.name === "Purchaser")!.description = "Buys, within limits";
    await writeFile(path.join(dir, "changed.yaml"), stringify(doc));
    expect(await gatehouse("diff", "changed.yaml", ...as, "--exit-code")).toBe(3);
    expect(out).toContain("~ role Purchaser");
    expect(await gatehouse("diff", "changed.yaml", ...as, "--json")).toBe(0);
    const { perm_version } = JSON.parse(out.join(""));
    expect(await gatehouse("apply", "changed.yaml", ...as, "--if-match", String(perm_version - 1))).toBe(1);
    expect(err[0]).toMatch(/^Refused \(412\)/);
    expect(await gatehouse("apply", "changed.yaml", ...as, "--if-match", String(perm_version))).toBe(0);
    expect(out.at(-1)).toBe(`1 change · perm_version ${perm_version + 1}`);
    expect(await gatehouse("diff", "changed.yaml", ...as, "--exit-code")).toBe(0);

    doc.roles.find((r) => r.name === "Admin")!.description = "Ours";
    await writeFile(path.join(dir, "system.yaml"), stringify(doc));
    expect(await gatehouse("apply", "system.yaml", ...as)).toBe(1);
    expect(err[0]).toMatch(/^Refused \(422\): Admin is a system role/);
    await writeFile(path.join(dir, "bad.json"), JSON.stringify({ gatehouse_policy: 1, roles: [{ name: "" }] }));
    expect(await gatehouse("diff", "bad.json", ...as)).toBe(1);
    expect(err).toContain("  body.roles.0.name: A role needs a name");
  });

  it("acts as the user it names: a member may not", async () => {
    expect(await gatehouse("export", "--as", "member@acme.test", "--tenant", "globex")).toBe(1);
    expect(err[0]).toMatch(/^Refused \(403\)/);
  });
});
