import { describe, expect, it } from "vitest";
import { SUPPORTED_OPERATORS } from "@/lib/permissions/conditions";
import type { MatrixPermission } from "@/lib/query/matrix";
import { conditionWords, fromConditions, OPERATORS, termsProblems, toConditions } from "./conditions";
import { actionCodes, buildLayout, viewIndex, withViews } from "./layout";
import { grantSet, termChanges } from "./save-body";

const perm = (code: string, module: string | null, extra: Partial<MatrixPermission> = {}): MatrixPermission => ({
  id: code,
  code,
  name: code,
  description: null,
  module,
  category: "actions",
  risk_level: "low",
  requires_mfa: false,
  requires_approval: false,
  is_system: false,
  is_active: true,
  deprecated: false,
  out_of_plan: null,
  ...extra,
});
const OUT = { menu_item: "sales.invoices", menu_item_name: "Invoices", plans: [{ code: "pro", name: "Pro" }] };
const perms = [
  perm("sales.orders.view", "sales"),
  perm("sales.orders.create", "sales"),
  perm("sales.orders.export", "sales"),
  perm("sales.invoices.view", "sales", { out_of_plan: OUT }),
  perm("sales.invoices.edit", "sales", { out_of_plan: OUT }),
  perm("sales.reports", "sales"),
  perm("sales.reports.monthly", "sales"),
  perm("gatehouse.audit.view", "gatehouse"),
];
const menu = [
  {
    id: "m1",
    name: "Orders",
    module: "sales",
    resource: "sales.orders",
    permission_code: "sales.orders.view",
    sort_order: 1,
  },
  { id: "m2", name: "Invoices", module: "sales", resource: "sales.invoices", permission_code: null, sort_order: 2 },
];
const modules = [
  { code: "gatehouse", name: "Gatehouse", sort_order: 1 },
  { code: "sales", name: "Sales", sort_order: 2 },
];

describe("the role editor's layout", () => {
  const layout = buildLayout(perms, menu, modules);
  it("puts menu items first as action rows, the rest as the code tree under its module", () => {
    expect(layout.map((s) => s.name)).toEqual(["Sales", "Gatehouse"]);
    const sales = layout[0]!;
    expect(sales.menu.map((r) => r.name)).toEqual(["Orders", "Invoices"]);
    expect(sales.menu[0]!.cells.create?.code).toBe("sales.orders.create");
    expect(sales.menu[0]!.cells.delete).toBeNull();
    expect(sales.tree.map((t) => [t.perm.code, t.depth])).toEqual([
      ["sales.reports", 0],
      ["sales.reports.monthly", 1],
    ]);
    expect(sales.codes).toHaveLength(7);
  });
  it("ticks view with any other action of its row", () => {
    const views = viewIndex(layout);
    expect(withViews(["sales.orders.export"], views)).toEqual(["sales.orders.view", "sales.orders.export"]);
    expect(withViews(["sales.reports"], views)).toEqual(["sales.reports"]);
  });
  it("offers in 'Set all' only what the plan includes", () => {
    expect(actionCodes(layout, "view")).toEqual(["sales.orders.view"]);
    expect(actionCodes(layout, "edit")).toEqual([]);
  });
});

describe("the condition builder", () => {
  it("turns rows into the stored object and back", () => {
    const rows = [
      { field: "amount", op: "$lte", value: "100" },
      { field: "amount", op: "$gt", value: "0" },
      { field: "region", op: "$in", value: "eu, us" },
      { field: "status", op: "eq", value: "open" },
    ] as const;
    const c = toConditions([...rows]);
    expect(c).toEqual({ amount: { $lte: 100, $gt: 0 }, region: { $in: ["eu", "us"] }, status: "open" });
    expect(toConditions(fromConditions(c)!)).toEqual(c);
    expect(conditionWords([rows[0]])).toBe("only when amount ≤ 100");
  });
  it("checks with the API's schema and names the field path", () => {
    expect(termsProblems("sales.orders.view", "department", [{ field: "amount", op: "$lte", value: "100" }])).toEqual(
      [],
    );
    expect(termsProblems("sales.orders.view", "team", [{ field: "", op: "eq", value: "" }]).map((p) => p.path)).toEqual(
      ["conditions.0.field", "conditions.0.value"],
    );
    expect(termsProblems("sales.orders.view", "team", [{ field: "__proto__", op: "eq", value: "1" }])).toEqual([
      { path: "conditions.0.field", message: 'The key "__proto__" is not allowed' },
    ]);
    expect(termsProblems("Not A Code", "team", [])[0]?.path).toBe("code");
  });
  it("refuses what the builder cannot show instead of losing it", () => {
    expect(fromConditions({ a: { b: 1 } })).toBeNull();
    expect(fromConditions({ a: { $regex: "x" } })).toBeNull();
  });
});

describe("what Save sends", () => {
  const saved = [
    { code: "a.view", scope: "team" as const, conditions: { amount: { $lte: 5 } } },
    { code: "b.view", scope: "organization" as const, conditions: null },
  ];
  it("keeps saved terms, drops revokes, adds new grants at the default and applies edited terms", () => {
    const changes = new Map([
      ["b.view", false],
      ["c.view", true],
    ]);
    const terms = new Map([["c.view", { scope: "personal" as const, conditions: null }]]);
    expect(grantSet(saved, changes, terms)).toEqual([
      saved[0],
      { code: "c.view", scope: "personal", conditions: null },
    ]);
    expect(
      grantSet(
        saved,
        new Map([
          ["a.view", false],
          ["b.view", false],
        ]),
        new Map(),
      ),
    ).toEqual([]);
  });
  it("lists term changes of kept grants only", () => {
    const terms = new Map([
      ["a.view", { scope: "team" as const, conditions: { amount: { $lte: 5 } } }],
      ["b.view", { scope: "global" as const, conditions: null }],
    ]);
    expect(termChanges(saved, new Map(), terms).map((t) => t.code)).toEqual(["b.view"]);
    expect(termChanges(saved, new Map([["b.view", false]]), terms)).toEqual([]);
  });
});

describe("the builder's operators are the engine's", () => {
  it("offers every operator the engine evaluates, and none it does not (plain equality is the engine's $eq)", () => {
    const offered = OPERATORS.map((o) => (o.op === "eq" ? "$eq" : o.op)).sort();
    expect(offered).toEqual([...SUPPORTED_OPERATORS].sort());
  });
});
