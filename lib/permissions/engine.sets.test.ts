/**
 * docs/design.md §3.4 and §5: effective sets, their freshness (validUntil), the resource × action map,
 * and the per-tenant cache of users' sets (LRU, sharing, expiry).
 */
import { describe, expect, it } from "vitest";
import { compileSnapshot } from "./engine";
import { acme, NOW, withChanges } from "./testing/fixtures";
import { referenceEffective } from "./testing/reference";

describe("effectivePermissions: the codes decide grants without a context", () => {
  it.each(["alice", "bob", "carol", "dave", "erin", "gina", "ivy", "zoe"])("%s agrees with the naive model", (user) => {
    const world = acme();
    expect(compileSnapshot(world).effectivePermissions(user, NOW)).toStrictEqual(referenceEffective(world, user, NOW));
  });

  it("lists granted codes, sorted, through roles, inheritance and the code tree", () => {
    expect(compileSnapshot(acme()).effectivePermissions("alice", NOW)).toEqual({
      codes: [
        "sites.detail.edit",
        "sites.detail.tabs.billing",
        "sites.detail.tabs.meters",
        "sites.detail.view",
        "sites.list.view",
      ],
      validUntil: null,
    });
  });

  it("Admin gets every active, plan-included permission whose dependencies hold", () => {
    const { codes } = compileSnapshot(acme()).effectivePermissions("carol", NOW);
    expect(codes).toContain("acme.widgets.view");
    expect(codes).toContain("billing.pay");
    expect(codes).not.toContain("sites.archive");
    expect(codes).not.toContain("sales.invoices.view");
    expect(codes).not.toContain("reports.finance.view");
    expect(codes).not.toContain("other.secret.view");
  });

  it("validUntil is the earliest future expiry among the user's assignments and overrides", () => {
    const world = withChanges((s) => {
      s.userRoles.push(
        { userId: "bob", roleId: "r-lead", expiresAt: NOW + 5_000 },
        { userId: "bob", roleId: "r-billing", expiresAt: NOW - 1 },
      );
      s.overrides.push({ userId: "bob", code: "sites.list", effect: "deny", expiresAt: NOW + 2_000 });
      s.overrides.push({ userId: "bob", code: "billing", effect: "allow", expiresAt: NOW });
    });
    const engine = compileSnapshot(world);
    expect(engine.effectivePermissions("bob", NOW).validUntil).toBe(NOW + 2_000);
    expect(engine.effectivePermissions("bob", NOW + 2_000).validUntil).toBe(NOW + 5_000);
    expect(engine.effectivePermissions("bob", NOW + 5_000).validUntil).toBeNull();
  });

  it("a cached set is not served past its validUntil: it is recomputed", () => {
    const world = withChanges((s) => {
      s.userRoles.push({ userId: "bob", roleId: "r-lead", expiresAt: NOW + 1_000 });
      s.overrides.push({ userId: "bob", code: "sites.list.view", effect: "deny", expiresAt: NOW + 500 });
    });
    const engine = compileSnapshot(world);
    expect(engine.effectivePermissions("bob", NOW).codes).toEqual([
      "sites.detail.edit",
      "sites.detail.tabs.billing",
      "sites.detail.tabs.meters",
      "sites.detail.view",
    ]);
    expect(engine.decide("bob", "sites.list.view", undefined, NOW).reason).toBe("override");
    expect(engine.decide("bob", "sites.list.view", undefined, NOW + 500).reason).toBe("role");
    expect(engine.effectivePermissions("bob", NOW + 999).codes).toContain("sites.list.view");
    expect(engine.effectivePermissions("bob", NOW + 1_000).codes).toEqual(["sites.list.view"]);
    expect(engine.decide("bob", "sites.detail.view", undefined, NOW + 1_000).granted).toBe(false);
    // And back in time (a caller passing an earlier instant) is recomputed too.
    expect(engine.decide("bob", "sites.detail.view", undefined, NOW).granted).toBe(true);
  });
});

describe("permissionMap: resource × action from the effective set", () => {
  it("has a row for every catalog resource with matrix actions, missing actions false", () => {
    const map = compileSnapshot(acme()).permissionMap("bob", NOW);
    expect(map["sites.list"]).toEqual({
      can_view: true,
      can_create: false,
      can_edit: false,
      can_delete: false,
      can_export: false,
    });
    expect(map["sites.detail"]).toEqual({
      can_view: false,
      can_create: false,
      can_edit: false,
      can_delete: false,
      can_export: false,
    });
    expect(map["sales.invoices"]).toEqual({
      can_view: false,
      can_create: false,
      can_edit: false,
      can_delete: false,
      can_export: false,
    });
    // Only view/create/edit/delete/export count: tabs.meters, old_export, pay, archive make no row.
    expect(Object.keys(map).sort()).toEqual([
      "acme.widgets",
      "billing",
      "customers",
      "reports.finance",
      "reports.public",
      "sales.invoices",
      "sales.orders",
      "sites.detail",
      "sites.list",
      "treasury",
    ]);
  });

  it("Admin: every action it holds is true, plan-gated ones false", () => {
    const map = compileSnapshot(acme()).permissionMap("carol", NOW);
    expect(map["sites.list"]).toMatchObject({ can_view: true, can_export: true });
    expect(map["sites.detail"]).toMatchObject({ can_view: true, can_edit: true });
    expect(map["sales.invoices"]).toMatchObject({ can_view: false, can_create: false });
    expect(map["acme.widgets"]).toMatchObject({ can_view: true });
  });
});

describe("the cache of users' sets", () => {
  it("is bounded by maxUsers (LRU) and still answers evicted users", () => {
    const engine = compileSnapshot(acme(), { maxUsers: 2 });
    for (const user of ["alice", "bob", "carol", "gina"]) engine.effectivePermissions(user, NOW);
    expect(engine.stats().cachedUsers).toBe(2);
    expect(engine.decide("alice", "sites.detail.view", undefined, NOW).granted).toBe(true);
  });

  it("users with the same roles and no overrides share one set", () => {
    const engine = compileSnapshot(acme());
    engine.effectivePermissions("bob", NOW);
    engine.effectivePermissions("frank", NOW);
    expect(engine.stats()).toMatchObject({ cachedUsers: 2, sharedSets: 1 });
    engine.effectivePermissions("alice", NOW);
    expect(engine.stats().sharedSets).toBe(2);
  });

  it("a warm decision is a shared, frozen object (no allocation on the hot path)", () => {
    const engine = compileSnapshot(acme());
    const first = engine.decide("bob", "sites.list.view", undefined, NOW);
    expect(engine.decide("frank", "sites.list.view", undefined, NOW)).toBe(first);
    expect(engine.decide("zoe", "sites.list.view")).toBe(engine.decide("erin", "sites.list.view"));
    expect(Object.isFrozen(first) && Object.isFrozen(first.via)).toBe(true);
  });

  it("stays correct when the memo of decisions is reset", () => {
    const world = acme();
    const small = compileSnapshot(world, { maxMemoDecisions: 3 });
    const fresh = compileSnapshot(world);
    for (let round = 0; round < 3; round++) {
      for (const user of ["alice", "bob", "gina", "ivy"]) {
        for (const p of world.permissions)
          expect(small.decide(user, p.code, undefined, NOW)).toStrictEqual(fresh.decide(user, p.code, undefined, NOW));
      }
    }
    expect(small.stats().memoDecisions).toBeLessThanOrEqual(3);
  });

  it("compiles once per perm_version and exposes it", () => {
    expect(compileSnapshot(acme()).permVersion).toBe(7);
  });
});
