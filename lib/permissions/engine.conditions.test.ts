/**
 * docs/design.md §3.6: a condition the engine cannot evaluate (too deep, an unknown operator, one
 * that throws) fails closed for its own grant only — compiling the tenant never throws, and every
 * other grant keeps working. Snapshots here hold what older writes could store before the API
 * refused it.
 */
import { describe, expect, it } from "vitest";
import { conditionProblems, MAX_CONDITION_BYTES, MAX_CONDITION_DEPTH } from "./conditions";
import { compileSnapshot } from "./engine";
import { NOW, withChanges } from "./testing/fixtures";
import { referenceDecide } from "./testing/reference";
import type { Conditions } from "./types";

function nested(levels: number): Conditions {
  let value: Record<string, unknown> = { $eq: 1 };
  for (let i = 1; i < levels; i++) value = { a: value };
  return value;
}

/** bob holds Viewer (sites.list.view); alice holds Engineer Lead (sites.detail, team) through Field Engineer. */
function withViewerConditions(conditions: Conditions) {
  const world = withChanges((s) => void (s.grants.find((g) => g.roleId === "r-viewer")!.conditions = conditions));
  return { world, engine: compileSnapshot(world) };
}

const UNREADABLE: [string, Conditions][] = [
  ["2,500 levels deep", nested(2_500)],
  ["one level past the limit", nested(MAX_CONDITION_DEPTH + 1)],
  ["an unknown operator", { region: { $regex: "^e" } }],
  ["a top-level operator", { $where: "this.region === 'eu'" }],
  ["a __proto__ key", JSON.parse('{"region":"eu","__proto__":{"region":"us"}}') as Conditions],
  ["a constructor key", { constructor: { $ne: 1 } }],
];

describe("conditions the engine cannot evaluate fail closed, for their own grant only", () => {
  it.each(UNREADABLE)("%s: compiles, that grant denies, the others still grant", (_, conditions) => {
    const { world, engine } = withViewerConditions(conditions);
    for (const context of [{ region: "eu", a: 1 }, {}, undefined]) {
      const decision = engine.decide("bob", "sites.list.view", context, NOW);
      expect(decision).toMatchObject({ granted: false, reason: "none" });
      expect(decision).toStrictEqual(referenceDecide(world, "bob", "sites.list.view", context, NOW));
    }
    expect(engine.effectivePermissions("bob", NOW).codes).not.toContain("sites.list.view");
    expect(engine.explain("bob", "sites.list.view", { region: "eu" }, NOW).decision.granted).toBe(false);
    // Others in the tenant: alice's Engineer Lead grant (no conditions) still holds for her team.
    const context = { resource: { team_id: "team-north" } };
    expect(engine.decide("alice", "sites.detail.view", context, NOW)).toMatchObject({ granted: true, reason: "role" });
    expect(engine.decide("carol", "sites.list.view", undefined, NOW).granted).toBe(true);
  });

  it("a condition at the depth limit is evaluated", () => {
    const { engine } = withViewerConditions({ a: nested(MAX_CONDITION_DEPTH - 1) });
    expect(engine.decide("bob", "sites.list.view", { a: { a: { a: { a: { a: { a: 1 } } } } } }, NOW).granted).toBe(
      false,
    );
    expect(conditionProblems({ a: nested(MAX_CONDITION_DEPTH - 1) })).toEqual([]);
  });
});

describe("conditionProblems: what a write must refuse (400 at the API)", () => {
  it("depth past 8 levels, with the path where it goes too deep", () => {
    expect(conditionProblems(nested(MAX_CONDITION_DEPTH))).toEqual([]);
    expect(conditionProblems(nested(2_500))).toEqual([
      { path: Array(MAX_CONDITION_DEPTH).fill("a"), message: `At most ${MAX_CONDITION_DEPTH} levels deep` },
    ]);
  });

  it("more than 8 KB serialized", () => {
    expect(conditionProblems({ region: { $in: ["x".repeat(MAX_CONDITION_BYTES)] } })).toEqual([
      { path: [], message: `At most ${MAX_CONDITION_BYTES} bytes as JSON` },
    ]);
    // Bytes, not characters: 4,096 two-byte characters are over the limit.
    expect(conditionProblems({ region: "é".repeat(MAX_CONDITION_BYTES / 2) })[0]?.path).toEqual([]);
  });

  it("__proto__, constructor and prototype keys anywhere", () => {
    const parsed = JSON.parse('{"a":{"$in":[{"__proto__":{}}]},"prototype":1}') as unknown;
    expect(conditionProblems(parsed)).toEqual([
      { path: ["prototype"], message: 'The key "prototype" is not allowed' },
      { path: ["a", "$in", "0", "__proto__"], message: 'The key "__proto__" is not allowed' },
    ]);
    expect(conditionProblems({ amount: { $gt: 1 }, region: "eu" })).toEqual([]);
  });
});
