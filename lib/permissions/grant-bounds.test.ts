import { describe, expect, it } from "vitest";
import { conditionsCover, scopeCovers } from "./grant-bounds";
import type { Scope } from "./types";

describe("what a held grant covers (docs/design.md §3.5)", () => {
  it.each<[Scope, Scope, boolean]>([
    ["global", "global", true],
    ["global", "personal", true],
    ["organization", "global", false],
    ["organization", "organization", true],
    ["organization", "team", true],
    ["department", "organization", false],
    ["department", "department", true],
    ["department", "team", false],
    ["team", "department", false],
    ["team", "personal", true],
    ["department", "personal", true],
    ["personal", "team", false],
    ["personal", "personal", true],
  ])("held at %s covers %s: %s", (held, wanted, covers) => {
    expect(scopeCovers(held, wanted)).toBe(covers);
  });

  it("conditions may be added, never dropped or loosened", () => {
    const limit = { amount: { $lte: 100 } };
    expect(conditionsCover(null, null)).toBe(true);
    expect(conditionsCover(null, limit)).toBe(true);
    expect(conditionsCover(limit, null)).toBe(false);
    expect(conditionsCover(limit, { ...limit })).toBe(true);
    expect(conditionsCover(limit, { region: "eu", amount: { $lte: 100 } })).toBe(true);
    expect(conditionsCover(limit, { amount: { $lte: 1000 } })).toBe(false);
    // Narrower in fact, but not provably by key and value: refused (when in doubt, refuse).
    expect(conditionsCover(limit, { amount: { $lte: 50 } })).toBe(false);
    expect(conditionsCover({ a: 1, b: 2 }, { a: 1 })).toBe(false);
  });
});
