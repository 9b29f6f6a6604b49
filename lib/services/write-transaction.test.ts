import { describe, expect, it } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import { compileSnapshot } from "@/lib/permissions/engine";
import { acme, perm, withChanges } from "@/lib/permissions/testing/fixtures";
import type { TenantSnapshot } from "@/lib/permissions/types";
import { codesConferredBy, requireCovers, requireHolds, type WriteContext } from "./write-transaction";

const user = (userId: string, isSuperAdmin = false) =>
  ({ kind: "user", userId, tenantId: "t-acme", isSuperAdmin, label: userId, viewer: {} }) as unknown as Principal;

function ctx(principal: Principal, snapshot: TenantSnapshot = acme()): WriteContext {
  const compiled = compileSnapshot(snapshot);
  return {
    tx: null as never,
    tenantId: snapshot.tenantId,
    principal,
    snapshot,
    compiled,
    user: async (id) => compiled.user(id),
    audit: [],
  };
}

const team = (code: string) => ({ code, scope: "team" as const, conditions: null });

function refusal(fn: () => void): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("nobody grants what they do not hold (DESIGN §3.5)", () => {
  it("a holder may grant what is effective for them", () => {
    // alice: Field Engineer → Engineer Lead (sites.detail.* at team) → Viewer (sites.list.view).
    expect(() => requireHolds(ctx(user("alice")), ["sites.list.view", team("sites.detail.edit")])).not.toThrow();
  });

  it("refuses a code the grantor lacks, naming it, and never what they hold", () => {
    const e = refusal(() => requireHolds(ctx(user("bob")), ["sites.list.view", "sites.detail.view"]));
    expect(e.status).toBe(403);
    expect(e.extra.missing_permissions).toEqual(["sites.detail.view"]);
  });

  it("granting a parent code grants its subtree: the grantor must hold every code below it", () => {
    // bob holds sites.list.view only; `sites.list` would also confer sites.list.export.
    const e = refusal(() => requireHolds(ctx(user("bob")), ["sites.list"]));
    expect(e.extra.missing_permissions).toEqual(expect.arrayContaining(["sites.list.export"]));
    expect(e.extra.missing_permissions).not.toContain("sites.list.view");
    // Codes nobody can hold (inactive, outside the plan) confer nothing and are not asked for.
    const admin = ctx(user("carol"));
    expect(() => requireHolds(admin, ["sites", "sales"])).not.toThrow();
  });

  it("super-admins are exempt", () => {
    expect(() => requireHolds(ctx(user("dave", true)), ["billing.pay"])).not.toThrow();
  });

  it("an API key grants with its creator's current holdings, never more", () => {
    const key = (createdBy: string | null) =>
      ({
        kind: "api_key",
        userId: null,
        tenantId: "t-acme",
        isSuperAdmin: false,
        label: "k",
        apiKey: { id: "k1", createdBy },
      }) as unknown as Principal;
    // alice's key may grant what alice holds, and nothing she lacks.
    expect(() => requireHolds(ctx(key("alice")), [team("sites.detail.edit")])).not.toThrow();
    let e = refusal(() => requireHolds(ctx(key("alice")), ["billing.pay"]));
    expect(e.status).toBe(403);
    expect(e.extra).toMatchObject({ missing_permissions: ["billing.pay"], key_creator_id: "alice" });
    // bob's key is bounded by bob, though the key itself has no roles to check.
    e = refusal(() => requireHolds(ctx(key("bob")), ["sites.detail.view"]));
    expect(e.extra.missing_permissions).toEqual(["sites.detail.view"]);
    // A creator whose membership is disabled (erin: an Admin, inactive) or who is not a member
    // (zed), or who was deleted (null), leaves keys that can grant nothing.
    for (const gone of ["erin", "zed", null]) {
      expect(refusal(() => requireHolds(ctx(key(gone)), ["sites.list.view"])).extra.missing_permissions).toEqual([
        "sites.list.view",
      ]);
    }
    // A super-admin's key grants like the super-admin.
    expect(() => requireHolds(ctx(key("dave")), ["billing.pay"])).not.toThrow();
  });

  it("a role as parent confers its own and inherited grants; Admin confers the whole catalog", () => {
    const s = acme();
    const codes = (roleId: string) => codesConferredBy(s, roleId).map((g) => g.code);
    expect(codes("r-field").sort()).toEqual(["sites.detail", "sites.list.view"]);
    expect(codes("r-auditor").sort()).toEqual(["reports", "sites.list.view"]);
    // With the scopes they are granted at: a parent confers no wider than its grants.
    expect(codesConferredBy(s, "r-field")).toContainEqual({ code: "sites.detail", scope: "team", conditions: null });
    expect(codesConferredBy(s, "r-admin")).toHaveLength(s.permissions.length);
    // bob may not make a role inherit from Engineer Lead: it confers sites.detail.* he lacks.
    const e = refusal(() => requireHolds(ctx(user("bob")), codesConferredBy(s, "r-lead")));
    expect(e.extra.missing_permissions).toEqual(expect.arrayContaining(["sites.detail.view", "sites.detail.edit"]));
  });

  it("a code that depends on an inactive permission (even transitively) never blocks granting its ancestors", () => {
    // sites.detail.purge needs sites.archive (inactive); sites.detail.wipe needs purge: nobody,
    // not even a super-admin, can ever hold either, so they confer nothing.
    const world = withChanges((s) => {
      s.permissions.push(perm("sites.detail.purge"), perm("sites.detail.wipe"));
      s.dependencies.push(
        { code: "sites.detail.purge", dependsOn: "sites.archive" },
        { code: "sites.detail.wipe", dependsOn: "sites.detail.purge" },
      );
    });
    const carol = ctx(user("carol"), world);
    expect(carol.compiled.decide("carol", "sites.detail.purge")).toMatchObject({
      granted: false,
      reason: "dependency",
      via: { kind: "dependency", code: "sites.archive" },
    });
    expect(carol.compiled.decide("carol", "sites.detail.wipe").reason).toBe("dependency");
    expect(() => requireHolds(carol, ["sites.detail", "sites"])).not.toThrow();
    expect(() => requireHolds(ctx(user("alice"), world), [team("sites.detail")])).not.toThrow();
    // A dependency that is active but not held still blocks: the grantor lacks it.
    const needsBilling = withChanges((s) => {
      s.permissions.push(perm("sites.detail.invoice"));
      s.dependencies.push({ code: "sites.detail.invoice", dependsOn: "billing.view" });
    });
    const e = refusal(() => requireHolds(ctx(user("alice"), needsBilling), [team("sites.detail")]));
    expect(e.extra.missing_permissions).toEqual(["sites.detail.invoice"]);
  });
});

describe("nobody acts against someone stronger (DESIGN §3.5)", () => {
  async function refused(write: Promise<void>): Promise<ApiError> {
    const error = await write.then(
      () => null,
      (e: unknown) => e,
    );
    if (!(error instanceof ApiError)) throw new Error("expected a refusal");
    return error;
  }

  it("refuses when the target holds a code the actor lacks, naming a few and counting them all", async () => {
    const e = await refused(requireCovers(ctx(user("bob")), "carol"));
    expect(e.status).toBe(403);
    const named = e.extra.missing_permissions as string[];
    expect(named.length).toBeGreaterThan(0);
    expect(named.length).toBeLessThanOrEqual(5);
    expect(e.extra.missing_count).toBeGreaterThanOrEqual(named.length);
    // Named codes are the target's, never the actor's.
    const bob = compileSnapshot(acme());
    for (const code of named) expect(bob.decide("bob", code).granted).toBe(false);
  });

  it("lets an actor who covers the target through, and exempts super-admins", async () => {
    await expect(requireCovers(ctx(user("carol")), "bob")).resolves.toBeUndefined();
    await expect(requireCovers(ctx(user("bob")), "bob")).resolves.toBeUndefined();
    await expect(requireCovers(ctx(user("dave", true)), "carol")).resolves.toBeUndefined();
  });
});
