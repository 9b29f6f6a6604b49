import { describe, expect, it } from "vitest";
import { MAX_BULK } from "./bulk";
import { bulkCheckRequest } from "./check";
import { planFeaturesRequest } from "./plans";
import { changeGrantsRequest, createRoleRequest, matrixPatchRequest, replaceGrantsRequest } from "./roles";
import { createTemplateRequest } from "./templates";
import { overridesRequest } from "./users";

const ROLE = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const codes = (n: number, prefix = "bulk.c") => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const ids = (n: number) =>
  Array.from({ length: n }, (_, i) => `7c9e6679-7425-40de-944b-${String(i).padStart(12, "0")}`);
const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((i) => i.path.join(".")) ?? [];

describe("bulk bodies hold at most 500 items (docs/api.md)", () => {
  const cases: [string, (n: number) => { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }, string][] =
    [
      ["check/bulk codes", (n) => bulkCheckRequest.safeParse({ codes: codes(n) }), "codes"],
      [
        "role grants (PUT)",
        (n) => replaceGrantsRequest.safeParse({ version: 1, permissions: codes(n).map((code) => ({ code })) }),
        "permissions",
      ],
      ["role codes (POST, DELETE)", (n) => changeGrantsRequest.safeParse({ version: 1, codes: codes(n) }), "codes"],
      [
        "a new role's grants",
        (n) => createRoleRequest.safeParse({ name: "R", permissions: codes(n).map((code) => ({ code })) }),
        "permissions",
      ],
      [
        "template entries",
        (n) =>
          createTemplateRequest.safeParse({
            name: "T",
            permissions: Object.fromEntries(codes(n).map((c) => [c, "allow"])),
          }),
        "permissions",
      ],
      [
        "user overrides",
        (n) => overridesRequest.safeParse({ permissions: codes(n).map((code) => ({ code, effect: "inherit" })) }),
        "permissions",
      ],
      ["plan features", (n) => planFeaturesRequest.safeParse({ menu_item_ids: ids(n) }), "menu_item_ids"],
    ];
  it.each(cases)("%s: 500 pass, 501 fail on the field", (_, parse, field) => {
    expect(parse(MAX_BULK).success).toBe(true);
    const over = parse(MAX_BULK + 1);
    expect(over.success).toBe(false);
    expect(paths(over)).toContain(field);
  });

  it("the matrix counts grant and revoke of every change together", () => {
    const change = (grant: string[], revoke: string[] = []) => ({ role_id: ROLE, version: 1, grant, revoke });
    expect(
      matrixPatchRequest.safeParse({
        changes: [change(codes(250, "a.c")), change(codes(100, "b.c"), codes(150, "c.c"))],
      }).success,
    ).toBe(true);
    const over = matrixPatchRequest.safeParse({
      changes: [change(codes(250, "a.c")), change(codes(100, "b.c"), codes(151, "c.c"))],
    });
    expect(over.success).toBe(false);
    expect(paths(over)).toEqual(["changes"]);
    // 50 changes of one code each are fine: the limit is on codes, not on roles.
    expect(
      matrixPatchRequest.safeParse({ changes: Array.from({ length: 50 }, (_, i) => change([`r.c${i}`])) }).success,
    ).toBe(true);
  });
});
