/** docs/design.md §3.1: codes and the tree. */
import { describe, expect, it } from "vitest";
import { ancestorsOf, isValidCode } from "./engine";

describe("isValidCode: 1–6 lowercase segments [a-z][a-z0-9_]* joined by '.', at most 100 characters", () => {
  it.each([
    ["sites", true],
    ["sites.detail.tabs.meters", true],
    ["products.create", true],
    ["a1.b_2.c3", true],
    ["a.b.c.d.e.f", true],
    ["a.b.c.d.e.f.g", false],
    ["", false],
    ["Sites", false],
    ["1sites", false],
    ["_sites", false],
    ["sites.", false],
    [".sites", false],
    ["sites..detail", false],
    ["sites.detail-view", false],
    ["sites. detail", false],
    ["a".repeat(100), true],
    ["a".repeat(101), false],
    [`${"a".repeat(49)}.${"b".repeat(50)}`, true],
    [`${"a".repeat(50)}.${"b".repeat(50)}`, false],
  ])("%j → %s", (code, valid) => {
    expect(isValidCode(code)).toBe(valid);
  });

  it("rejects non-strings", () => {
    expect(isValidCode(undefined)).toBe(false);
    expect(isValidCode(42)).toBe(false);
  });
});

describe("ancestorsOf: proper ancestors, root first", () => {
  it.each([
    ["sites", []],
    ["sites.detail", ["sites"]],
    ["sites.detail.tabs.meters", ["sites", "sites.detail", "sites.detail.tabs"]],
  ])("%s → %j", (code, ancestors) => {
    expect(ancestorsOf(code)).toEqual(ancestors);
  });
});
