/**
 * docs/design.md §3.3: every decision can be explained — which rule decided, through which role,
 * override, parent code, plan item or missing dependency — and the explanation's decision is
 * exactly decide's.
 */
import { describe, expect, it } from "vitest";
import { compileSnapshot } from "./engine";
import { acme, NOW, withChanges } from "./testing/fixtures";
import type { DecisionContext, Explanation } from "./types";

const ORDER = [
  "membership",
  "unknown",
  "inactive",
  "plan",
  "superadmin",
  "override",
  "role",
  "none",
  "dependency",
  "mfa",
  "deprecated",
];

function step(e: Explanation, rule: string) {
  const found = e.steps.find((s) => s.rule === rule);
  if (!found) throw new Error(`no ${rule} step`);
  return found;
}

describe("explain", () => {
  const world = withChanges((s) => {
    s.overrides.push({ userId: "frank", code: "sites", effect: "deny", expiresAt: NOW + 3_600_000 });
    s.overrides.push({ userId: "frank", code: "sites.detail.view", effect: "allow", expiresAt: null });
    s.overrides.push({ userId: "frank", code: "sites.list", effect: "allow", expiresAt: NOW - 1 });
  });
  const engine = compileSnapshot(world);

  it("its decision equals decide's, for every user × code, with and without a context", () => {
    const contexts: (DecisionContext | undefined)[] = [
      undefined,
      {},
      { resource: { team_id: "team-north" } },
      { resource: { owner_id: "bob", tenant_id: "t-other" } },
    ];
    const users = [...world.members.map((m) => m.userId), "dave", "zoe"];
    const codes = [...world.permissions.map((p) => p.code), "sites", "nope"];
    for (const user of users)
      for (const code of codes)
        for (const context of contexts) {
          expect(engine.explain(user, code, context, NOW).decision).toStrictEqual(
            engine.decide(user, code, context, NOW),
          );
        }
  });

  it("has one step per rule of §3.2 in order, then mfa and deprecation", () => {
    for (const [user, code] of [
      ["alice", "sites.list.view"],
      ["zoe", "sites.list.view"],
      ["dave", "nope"],
      ["ivy", "billing.pay"],
    ] as const) {
      expect(engine.explain(user, code, undefined, NOW).steps.map((s) => s.rule)).toEqual(ORDER);
    }
  });

  it("names the role and the role it is inherited through", () => {
    const e = engine.explain("alice", "sites.detail.tabs.meters", undefined, NOW);
    expect(step(e, "role")).toMatchObject({
      outcome: "granted",
      data: { role: "Engineer Lead", through_role: "Field Engineer", code: "sites.detail" },
    });
    expect(step(e, "role").detail).toContain(
      "Role Engineer Lead (inherited through Field Engineer) grants sites.detail, an ancestor of sites.detail.tabs.meters",
    );
    expect(step(e, "override")).toMatchObject({
      outcome: "skip",
      detail: "No unexpired override on sites.detail.tabs.meters or its ancestors.",
    });
    expect(step(e, "none").outcome).toBe("skip");
    expect(step(e, "dependency")).toMatchObject({
      outcome: "granted",
      detail: "sites.detail.tabs.meters has no dependencies.",
    });
  });

  it("names the override that decides, what it is more specific than, and expired ones", () => {
    const e = engine.explain("frank", "sites.detail.view", undefined, NOW);
    expect(e.decision).toMatchObject({ granted: true, reason: "override" });
    expect(step(e, "override").detail).toBe(
      `Override allow on sites.detail.view (no expiry) decides; it is more specific than override deny on sites (expires ${new Date(NOW + 3_600_000).toISOString()}).`,
    );
    expect(step(e, "role").detail).toMatch(/^Not reached/);
    const parent = engine.explain("frank", "sites.list.view", undefined, NOW);
    expect(step(parent, "override")).toMatchObject({ outcome: "denied" });
    expect(step(parent, "override").detail).toContain("Expired, ignored: override allow on sites.list");
  });

  it("names the plan's menu item and the plans that include it", () => {
    const e = engine.explain("ivy", "sales.invoices.view", undefined, NOW);
    expect(step(e, "plan")).toMatchObject({
      outcome: "denied",
      detail: "Menu item Invoices (sales.invoices) is not in plan Basic; included in: professional, enterprise.",
    });
    expect(step(engine.explain("ivy", "sales.orders.view", undefined, NOW), "plan").detail).toBe(
      "Menu item Sales (sales) is included in plan Basic.",
    );
  });

  it("names the first missing dependency and why it is missing", () => {
    const e = engine.explain("ivy", "billing.pay", undefined, NOW);
    expect(step(e, "role").outcome).toBe("granted");
    expect(step(e, "dependency")).toMatchObject({
      outcome: "denied",
      detail: "Depends on customers.view, which is not granted (reason none).",
    });
    expect(step(e, "mfa").detail).toMatch(/^Requires MFA/);
  });

  it("says why a held role's grant did not count in a context", () => {
    const e = engine.explain("alice", "sites.detail.view", { resource: { team_id: "team-south" } }, NOW);
    expect(e.decision.reason).toBe("none");
    expect(step(e, "role").detail).toContain(
      "Role Engineer Lead grants sites.detail (scope team), but the scope does not hold for this resource",
    );
    expect(step(e, "none")).toMatchObject({ outcome: "denied" });
  });

  it("explains unknown, inactive, deprecated and super-admin decisions", () => {
    expect(step(engine.explain("carol", "sites.teleport", undefined, NOW), "unknown")).toMatchObject({
      outcome: "denied",
    });
    expect(step(engine.explain("carol", "sites.archive", undefined, NOW), "inactive")).toMatchObject({
      outcome: "denied",
      detail: "sites.archive is inactive.",
    });
    expect(step(engine.explain("carol", "sites.list.old_export", undefined, NOW), "deprecated").detail).toBe(
      "Deprecated; use sites.list.export instead.",
    );
    const sa = engine.explain("dave", "sites.list.view", undefined, NOW);
    expect(step(sa, "membership").detail).toMatch(/super-admin/);
    expect(step(sa, "superadmin")).toMatchObject({ outcome: "granted" });
  });

  it("a denial for a user who is not an active member reveals nothing about them or the tenant", () => {
    const ghost = engine.explain("zoe", "sites.list.view", undefined, NOW);
    // erin is a disabled member holding Admin: her explanation must not tell that.
    const disabled = engine.explain("erin", "sites.list.view", undefined, NOW);
    const unknownCode = engine.explain("zoe", "nope.nope", undefined, NOW);
    expect(disabled).toStrictEqual(ghost);
    expect(ghost.decision).toMatchObject({ granted: false, reason: "none", via: null });
    expect(step(ghost, "membership").outcome).toBe("denied");
    const ruleSteps = (e: Explanation) => e.steps.filter((s) => s.rule !== "mfa" && s.rule !== "deprecated");
    expect(ruleSteps(ghost)).toStrictEqual(ruleSteps(unknownCode));
    const text = ghost.steps.map((s) => s.detail).join(" ");
    for (const secret of ["Admin", "Viewer", "Engineer", "Override", "Basic", "sites", "erin", "zoe", "grant"])
      expect(text).not.toContain(secret);
    expect(ghost.steps.every((s) => s.data === undefined)).toBe(true);
  });

  it("works on the untouched fixture too (no overrides at all)", () => {
    const plain = compileSnapshot(acme());
    expect(step(plain.explain("bob", "sites.list.view", undefined, NOW), "role").detail).toBe(
      "Role Viewer grants sites.list.view (widest holding scope: organization).",
    );
  });
});
