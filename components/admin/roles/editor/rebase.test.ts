import { describe, expect, it } from "vitest";
import { rebaseRoleEdits } from "./rebase";
import { grantSet, type SavedGrant } from "./save-body";

const g = (code: string, extra: Partial<SavedGrant> = {}): SavedGrant => ({
  code,
  scope: "organization",
  conditions: null,
  ...extra,
});
const small = { scope: "personal" as const, conditions: { amount: { $lte: 100 } } };
const all = () => true;

describe("re-applying a role's pending edits on the role as it is now", () => {
  const base = [g("a.view"), g("b.view"), g("c.view")];

  it("keeps edits that still change something and says what the other admin did", () => {
    // The other admin granted x.view and revoked c.view; this admin ticked d.view and unticked b.view.
    const fresh = [g("a.view"), g("b.view"), g("x.view")];
    const r = rebaseRoleEdits(
      base,
      new Map([
        ["d.view", true],
        ["b.view", false],
      ]),
      new Map(),
      fresh,
      all,
    );
    expect(r.reapplied).toEqual([
      { code: "d.view", grant: true },
      { code: "b.view", grant: false },
    ]);
    expect(r.conflicts).toEqual([]);
    expect(r.underneath.added.map((x) => x.code)).toEqual(["x.view"]);
    expect(r.underneath.removed.map((x) => x.code)).toEqual(["c.view"]);
    // Saving the result holds both admins' changes.
    expect(grantSet(fresh, r.changes, r.terms).map((x) => x.code)).toEqual(["a.view", "d.view", "x.view"]);
  });

  it("drops an edit the other admin already made", () => {
    const fresh = [g("a.view"), g("d.view")];
    const r = rebaseRoleEdits(
      base,
      new Map([
        ["d.view", true],
        ["c.view", false],
      ]),
      new Map(),
      fresh,
      all,
    );
    expect(r.satisfied).toEqual([
      { code: "d.view", grant: true },
      { code: "c.view", grant: false },
    ]);
    expect(r.changes.size).toBe(0);
  });

  it("lists terms edited on a grant the other admin removed, and does not grant it back by itself", () => {
    const fresh = [g("b.view"), g("c.view")];
    const r = rebaseRoleEdits(base, new Map(), new Map([["a.view", small]]), fresh, all);
    expect(r.conflicts).toEqual([{ kind: "terms-of-removed", code: "a.view", mine: small }]);
    expect(r.terms.size).toBe(0);
    expect(grantSet(fresh, r.changes, r.terms).map((x) => x.code)).toEqual(["b.view", "c.view"]);
  });

  it("keeps this admin's terms when both changed the same grant's terms, and says so", () => {
    const theirs = { scope: "team" as const, conditions: null };
    const fresh = [g("a.view", theirs), g("b.view"), g("c.view")];
    const r = rebaseRoleEdits(base, new Map(), new Map([["a.view", small]]), fresh, all);
    expect(r.conflicts).toEqual([{ kind: "terms-both", code: "a.view", mine: small, theirs: fresh[0] }]);
    expect(grantSet(fresh, r.changes, r.terms).find((x) => x.code === "a.view")).toMatchObject(small);
  });

  it("treats identical terms as satisfied, and refuses grants that left the plan", () => {
    const fresh = [g("a.view", small), g("b.view"), g("c.view")];
    const r = rebaseRoleEdits(
      base,
      new Map([["z.view", true]]),
      new Map([
        ["a.view", small],
        ["z.view", small],
      ]),
      fresh,
      (code) => code !== "z.view",
    );
    expect(r.satisfied).toEqual([{ code: "a.view", grant: null }]);
    expect(r.conflicts).toEqual([{ kind: "unavailable", code: "z.view" }]);
    expect(r.changes.size + r.terms.size).toBe(0);
  });

  it("still revokes a grant whose terms the other admin changed, and says so", () => {
    const theirs = { scope: "team" as const, conditions: null };
    const fresh = [g("a.view"), g("b.view", theirs), g("c.view")];
    const r = rebaseRoleEdits(base, new Map([["b.view", false]]), new Map(), fresh, all);
    expect(r.changes).toEqual(new Map([["b.view", false]]));
    expect(r.conflicts).toMatchObject([{ kind: "revoke-retermed", code: "b.view" }]);
  });
});
