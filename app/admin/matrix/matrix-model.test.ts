import { describe, expect, it } from "vitest";
import { diffOf, patchBody, rebase } from "@/components/admin/matrix/changes";
import {
  ancestorCodes,
  DependencyGraph,
  MatrixState,
  pendingKey,
  planGrant,
  planRevoke,
  type RoleNode,
  withEdits,
} from "@/components/admin/matrix/model";
import type { MatrixData, MatrixPermission } from "@/lib/query/matrix";

const role = (id: string, parent_ids: string[] = [], extra: Partial<RoleNode> = {}): RoleNode => ({
  id,
  name: id.toUpperCase(),
  is_system: false,
  grants_all: false,
  parent_ids,
  ...extra,
});
const roles = [
  role("admin", [], { is_system: true, grants_all: true }),
  role("fe"),
  role("lead", ["fe"]),
  role("boss", ["admin"]),
];
const base = { fe: ["sites.list.view", "sites.detail"], lead: ["jobs.view"], boss: [] as string[] };
const codes = [
  "sites.list.view",
  "sites.detail",
  "sites.detail.view",
  "sites.detail.edit",
  "sites.detail.tabs.meters",
  "sites.detail.actions.test_meter",
  "jobs.view",
];
const graph = new DependencyGraph([
  { code: "sites.detail.view", depends_on: "sites.list.view" },
  { code: "sites.detail.edit", depends_on: "sites.detail.view" },
  { code: "sites.detail.actions.test_meter", depends_on: "sites.detail.tabs.meters" },
]);
const state = (pending = new Map<string, boolean>()) => new MatrixState(roles, base, pending);

describe("where a grant comes from", () => {
  it("lists a code's ancestors, most specific first", () => {
    expect(ancestorCodes("a.b.c.d")).toEqual(["a.b.c", "a.b", "a"]);
    expect(ancestorCodes("a")).toEqual([]);
  });

  it("tells a role's own grant from a parent role's, a parent code's and Admin's everything", () => {
    const s = state();
    expect(s.cell("fe", "sites.list.view")).toEqual({ kind: "direct" });
    expect(s.cell("fe", "sites.detail.view")).toEqual({ kind: "inherited", source: { code: "sites.detail" } });
    expect(s.cell("lead", "sites.list.view")).toEqual({ kind: "inherited", source: { roleId: "fe" } });
    expect(s.cell("lead", "sites.detail.edit")).toEqual({
      kind: "inherited",
      source: { roleId: "fe", code: "sites.detail" },
    });
    expect(s.cell("lead", "jobs.view")).toEqual({ kind: "direct" });
    expect(s.cell("fe", "jobs.view")).toEqual({ kind: "none" });
    expect(s.cell("admin", "anything.at.all")).toEqual({ kind: "all" });
    expect(s.cell("boss", "jobs.view")).toEqual({ kind: "inherited", source: { roleId: "admin" } });
  });

  it("shows pending edits, including what children inherit from them", () => {
    const s = state(
      new Map([
        [pendingKey("fe", "jobs.view"), true],
        [pendingKey("fe", "sites.detail"), false],
      ]),
    );
    expect(s.cell("fe", "jobs.view").kind).toBe("direct");
    expect(s.cell("fe", "sites.detail.view").kind).toBe("none");
    expect(s.cell("lead", "sites.detail.edit").kind).toBe("none");
  });
});

describe("dependencies", () => {
  it("ticks what a permission needs, transitively, unless the role already has it", () => {
    const s = new MatrixState(roles, { fe: [], lead: [], boss: [] }, new Map());
    expect(planGrant(s, graph, "fe", ["sites.detail.edit"], new Set(codes))).toEqual({
      requested: ["sites.detail.edit"],
      deps: ["sites.detail.view", "sites.list.view"],
      add: ["sites.detail.edit", "sites.detail.view", "sites.list.view"],
    });
    // lead inherits sites.list.view from fe once fe holds it.
    const s2 = new MatrixState(roles, { fe: ["sites.list.view"], lead: [], boss: [] }, new Map());
    expect(planGrant(s2, graph, "lead", ["sites.detail.edit"], new Set(codes)).deps).toEqual(["sites.detail.view"]);
  });

  it("names the permissions that would lose a dependency before unticking", () => {
    const b = { fe: ["sites.list.view", "sites.detail.view", "sites.detail.edit"], lead: [], boss: [] };
    const rebuild = (p: Map<string, boolean>) => new MatrixState(roles, b, p);
    const s = rebuild(new Map());
    const plan = planRevoke(s, graph, "fe", ["sites.list.view"], codes, rebuild, new Map(), b);
    expect(plan.remove).toEqual(["sites.list.view"]);
    expect(plan.dependents).toEqual([
      { code: "sites.detail.view", direct: true },
      { code: "sites.detail.edit", direct: true },
    ]);
    // Unticking a grant the role still inherits loses nothing.
    const lead = planRevoke(rebuild(new Map()), graph, "lead", ["sites.list.view"], codes, rebuild, new Map(), b);
    expect(lead).toEqual({ remove: [], dependents: [] });
  });

  it("forgets an edit that returns a cell to its saved state", () => {
    const p = withEdits(new Map(), base, "fe", ["jobs.view", "sites.list.view"], true);
    expect([...p]).toEqual([[pendingKey("fe", "jobs.view"), true]]);
    expect(withEdits(p, base, "fe", ["jobs.view"], false).size).toBe(0);
  });
});

describe("saving", () => {
  const perm = (code: string, extra: Partial<MatrixPermission> = {}): MatrixPermission => ({
    id: code,
    code,
    name: code,
    description: null,
    module: "sites",
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
  const pending = new Map([
    [pendingKey("fe", "sites.detail.edit"), true],
    [pendingKey("fe", "sites.list.view"), false],
    [pendingKey("lead", "sites.detail.view"), true],
  ]);

  it("previews per role with the users of the role and of the roles inheriting from it", () => {
    const perms = new Map(
      [
        perm("sites.detail.edit", { risk_level: "high", requires_approval: true }),
        perm("sites.list.view"),
        perm("sites.detail.view"),
      ].map((p) => [p.code, p]),
    );
    const d = diffOf(
      pending,
      new Map(roles.map((r) => [r.id, r])),
      new Map([
        ["fe", 3],
        ["lead", 1],
      ]),
      new Map([
        ["fe", 5],
        ["lead", 2],
      ]),
      perms,
    );
    expect(
      d.roles.map((r) => [r.name, r.added.map((p) => p.code), r.removed.map((p) => p.code), r.users, r.version]),
    ).toEqual([
      ["FE", ["sites.detail.edit"], ["sites.list.view"], 7, 3],
      ["LEAD", ["sites.detail.view"], [], 2, 1],
    ]);
    expect(d).toMatchObject({ added: 2, removed: 1, highRisk: 1, approvals: 1 });
  });

  it("sends one change per role with the version read", () => {
    expect(patchBody(pending, (id) => (id === "fe" ? 3 : 1))).toEqual({
      changes: [
        { role_id: "fe", version: 3, grant: ["sites.detail.edit"], revoke: ["sites.list.view"] },
        { role_id: "lead", version: 1, grant: ["sites.detail.view"], revoke: [] },
      ],
    });
  });

  it("re-applies what still makes sense after a reload and says why the rest was dropped", () => {
    const fresh = {
      roles: [{ id: "fe", name: "FE", version: 4, is_system: false, grants_all: false }],
      permissions: [perm("sites.detail.edit"), perm("sites.list.view")],
      grants: { fe: ["sites.detail.edit", "sites.list.view"] },
    } as unknown as MatrixData;
    const r = rebase(pending, fresh);
    expect(r.kept).toEqual([{ roleId: "fe", code: "sites.list.view", grant: false }]);
    expect(r.dropped.map((d) => [d.change.code, d.reason])).toEqual([
      ["sites.detail.edit", "someone already granted it"],
      ["sites.detail.view", "the role was deleted"],
    ]);
  });
});
