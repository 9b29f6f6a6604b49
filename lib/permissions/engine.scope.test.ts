/**
 * docs/design.md §3.6: a grant's scope must hold for `context.resource`, and its conditions for the
 * context; without a context both count as held.
 */
import { describe, expect, it } from "vitest";
import { compileSnapshot, isSupportedConditions } from "./engine";
import { NOW, TENANT, withChanges } from "./testing/fixtures";
import { referenceDecide } from "./testing/reference";
import type { Conditions, DecisionContext, Scope } from "./types";

/** alice (team-north, dep-ops) holds Engineer Lead through Field Engineer; its grant on sites.detail gets `scope`. */
function aliceWith(scope: Scope, departmentId: string | null = "dep-ops") {
  const world = withChanges((s) => {
    s.grants.find((g) => g.roleId === "r-lead")!.scope = scope;
    s.members.find((m) => m.userId === "alice")!.departmentId = departmentId;
  });
  return { world, engine: compileSnapshot(world) };
}

type ScopeRow = [scope: Scope, context: DecisionContext | undefined, holds: boolean];

const SCOPE_ROWS: ScopeRow[] = [
  ["personal", undefined, true],
  ["personal", { amount: 3 }, true],
  ["personal", { resource: { owner_id: "alice" } }, true],
  ["personal", { resource: { owner_id: "bob" } }, false],
  ["personal", { resource: {} }, false],
  ["team", undefined, true],
  ["team", { resource: { team_id: "team-north" } }, true],
  ["team", { resource: { team_id: "team-south" } }, false],
  ["team", { resource: { owner_id: "alice" } }, false],
  ["department", undefined, true],
  ["department", { resource: { department_id: "dep-ops" } }, true],
  ["department", { resource: { department_id: "dep-sales" } }, false],
  ["department", { resource: {} }, false],
  ["organization", undefined, true],
  ["organization", { resource: {} }, true],
  ["organization", { resource: { tenant_id: TENANT } }, true],
  ["organization", { resource: { tenant_id: "t-other" } }, false],
  ["global", undefined, true],
  ["global", { resource: { tenant_id: "t-other", owner_id: "bob", team_id: "x", department_id: "y" } }, true],
];

describe("scope: the grant's scope must hold for context.resource", () => {
  it.each(SCOPE_ROWS)("%s scope, context %j → granted %s", (scope, context, holds) => {
    const { world, engine } = aliceWith(scope);
    const decision = engine.decide("alice", "sites.detail.view", context, NOW);
    expect(decision.granted).toBe(holds);
    expect(decision.reason).toBe(holds ? "role" : "none");
    if (holds) expect(decision.via).toMatchObject({ code: "sites.detail", scope });
    expect(decision).toStrictEqual(referenceDecide(world, "alice", "sites.detail.view", context, NOW));
  });

  it("department scope does not hold for a member without a department", () => {
    const { engine } = aliceWith("department", null);
    expect(engine.decide("alice", "sites.detail.view", { resource: { department_id: "dep-ops" } }, NOW).granted).toBe(
      false,
    );
  });

  it("without a context the result carries the widest scope of the grants that hold", () => {
    const world = withChanges((s) => {
      s.grants.push({ roleId: "r-field", code: "sites.detail.view", scope: "personal", conditions: null });
      s.grants.push({ roleId: "r-viewer", code: "sites", scope: "department", conditions: null });
    });
    const engine = compileSnapshot(world);
    // Most specific grant: Field Engineer's personal one on the code; widest holding: department.
    expect(engine.decide("alice", "sites.detail.view", undefined, NOW).via).toEqual({
      kind: "role",
      role_id: "r-field",
      role: "Field Engineer",
      code: "sites.detail.view",
      scope: "department",
    });
    // With a resource owned by someone else in another team, only the department grant holds.
    expect(
      engine.decide("alice", "sites.detail.view", { resource: { owner_id: "bob", department_id: "dep-ops" } }, NOW).via,
    ).toEqual({
      kind: "role",
      role_id: "r-viewer",
      role: "Viewer",
      through_role: "Field Engineer",
      code: "sites",
      scope: "department",
    });
  });
});

type ConditionRow = [conditions: Conditions, context: DecisionContext | undefined, holds: boolean];

const CONDITION_ROWS: ConditionRow[] = [
  [{ region: "eu" }, { region: "eu" }, true],
  [{ region: "eu" }, { region: "us" }, false],
  [{ region: { $eq: "eu" } }, { region: "eu" }, true],
  [{ region: { $in: ["eu", "apac"] } }, { region: "apac" }, true],
  [{ region: { $in: ["eu", "apac"] } }, { region: "us" }, false],
  [{ region: { $ne: "us" } }, { region: "eu" }, true],
  [{ region: { $ne: "us" } }, { region: "us" }, false],
  [{ amount: { $gt: 100 } }, { amount: 101 }, true],
  [{ amount: { $gt: 100 } }, { amount: 100 }, false],
  [{ amount: { $gte: 100 } }, { amount: 100 }, true],
  [{ amount: { $gte: 100 } }, { amount: 99 }, false],
  [{ amount: { $lt: 100 } }, { amount: 99 }, true],
  [{ amount: { $lt: 100 } }, { amount: 100 }, false],
  [{ amount: { $lte: 100 } }, { amount: 100 }, true],
  [{ amount: { $lte: 100 } }, { amount: 101 }, false],
  [{ amount: { $gte: 10, $lt: 20 } }, { amount: 15 }, true],
  [{ amount: { $gte: 10, $lt: 20 } }, { amount: 20 }, false],
  [{ amount: { $lt: 100 } }, { region: "eu" }, false],
  [{ "resource.owner_id": "bob" }, { resource: { owner_id: "bob" } }, true],
  [{ region: "eu" }, undefined, true],
  [{}, { region: "us" }, true],
];

/** Operators outside §3.6 (and malformed ones): the condition never holds — fail closed. */
const UNSUPPORTED: Conditions[] = [
  { region: { $regex: "^e" } },
  { $or: [{ region: "eu" }] },
  { $where: "this.region === 'eu'" },
  { region: { $exists: true } },
  { region: { $not: { $eq: "us" } } },
  { region: { $nin: ["us"] } },
  { region: { $in: "eu" } },
  { region: { $eq: "eu", other: 1 } },
  { region: { nested: { $gt: 1 } } },
  ["eu"] as unknown as Conditions,
];

function bobWithConditions(conditions: Conditions) {
  const world = withChanges((s) => void (s.grants.find((g) => g.roleId === "r-viewer")!.conditions = conditions));
  return { world, engine: compileSnapshot(world) };
}

describe("conditions: field conditions over the context, evaluated by sift", () => {
  it.each(CONDITION_ROWS)("%j over %j → %s", (conditions, context, holds) => {
    const { world, engine } = bobWithConditions(conditions);
    const decision = engine.decide("bob", "sites.list.view", context, NOW);
    expect(decision.granted).toBe(holds);
    expect(decision).toStrictEqual(referenceDecide(world, "bob", "sites.list.view", context, NOW));
  });

  it.each(UNSUPPORTED.map((c) => [JSON.stringify(c), c] as const))(
    "unsupported %s fails closed whenever a context is given",
    (_, conditions) => {
      expect(isSupportedConditions(conditions)).toBe(false);
      const { world, engine } = bobWithConditions(conditions);
      expect(engine.decide("bob", "sites.list.view", { region: "eu", resource: {} }, NOW)).toMatchObject({
        granted: false,
        reason: "none",
      });
      expect(engine.decide("bob", "sites.list.view", { region: "eu" }, NOW)).toStrictEqual(
        referenceDecide(world, "bob", "sites.list.view", { region: "eu" }, NOW),
      );
      // Without a context no condition is evaluated (§3.6): the grant counts, as for any other.
      expect(engine.decide("bob", "sites.list.view", undefined, NOW).granted).toBe(true);
    },
  );

  it("supported conditions are recognised as such", () => {
    for (const [conditions] of CONDITION_ROWS) expect(isSupportedConditions(conditions)).toBe(true);
  });
});
