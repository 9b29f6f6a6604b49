/**
 * docs/design.md §3.5: conditions that cannot be stored safely are refused at the API (400, with
 * the field path), never stored to take the tenant down or silently lose a key.
 */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { createRoleRequest, replaceGrantsRequest } from "./roles";

function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { $eq: 1 };
  for (let i = 1; i < levels; i++) value = { a: value };
  return value;
}

const paths = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
};
const grant = (conditions: unknown) => ({ name: "R", permissions: [{ code: "sites.list.view", conditions }] });

describe("grant conditions: depth, size and forbidden keys", () => {
  it("refuses 2,500 levels, and 9, naming where it goes too deep", () => {
    const at8 = `permissions.0.conditions.${Array(8).fill("a").join(".")}`;
    expect(paths(createRoleRequest, grant(nested(2_500)))).toEqual([at8]);
    expect(paths(createRoleRequest, grant(nested(9)))).toEqual([at8]);
    expect(paths(createRoleRequest, grant(nested(8)))).toEqual([]);
  });

  it("refuses more than 8 KB", () => {
    const big = { region: { $in: Array.from({ length: 1_000 }, (_, i) => `region-${i}`) } };
    expect(paths(createRoleRequest, grant(big))).toEqual(["permissions.0.conditions"]);
  });

  it("refuses __proto__, constructor and prototype anywhere, as JSON.parse gives them", () => {
    for (const [json, path] of [
      ['{"__proto__":{"region":"eu"}}', "__proto__"],
      ['{"region":{"$in":[{"constructor":1}]}}', "region.$in.0.constructor"],
      ['{"a":{"prototype":{}}}', "a.prototype"],
    ] as const) {
      const body = JSON.parse(`{"version":1,"permissions":[{"code":"sites.list.view","conditions":${json}}]}`);
      expect(paths(replaceGrantsRequest, body)).toEqual([`permissions.0.conditions.${path}`]);
    }
  });

  it("keeps ordinary conditions as sent, and null", () => {
    const result = createRoleRequest.parse(grant({ amount: { $lte: 10_000 }, region: "eu" }));
    expect(result.permissions[0]?.conditions).toEqual({ amount: { $lte: 10_000 }, region: "eu" });
    expect(createRoleRequest.parse(grant(null)).permissions[0]?.conditions).toBeNull();
    expect(paths(createRoleRequest, grant(["eu"]))).toEqual(["permissions.0.conditions"]);
  });
});
