/**
 * The UI's permission-set logic (components/permissions/permission-set.ts): the questions every
 * gate asks, table-tested, plus a property check against a naive model. It lives here because
 * Vitest collects lib/**; the module under test is pure (no React, no database).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gateDecision, missingSentence, permissionChecks } from "@/components/permissions/permission-set";

const set = (...codes: string[]) => permissionChecks(new Set(codes));
const RDG = "reports.rdg.view";
const ANALYSIS = "reports.analysis.view";
const FCO = "reports.fco.view";

describe("canAny / canAll", () => {
  const p = set(RDG, "sites.list.view");
  it.each([
    ["one of them held", [ANALYSIS, RDG], true, false],
    ["all of them held", [RDG, "sites.list.view"], true, true],
    ["none held", [ANALYSIS, FCO], false, false],
    ["an empty list", [], false, true],
    ["a prefix is not its descendants", ["reports", "reports.rdg"], false, false],
  ] as const)("%s", (_, codes, any, all) => {
    expect(p.canAny(codes)).toBe(any);
    expect(p.canAll(codes)).toBe(all);
  });

  it("missing names only the codes the set lacks, in the order asked", () => {
    expect(p.missing([FCO, RDG, ANALYSIS])).toEqual([FCO, ANALYSIS]);
    expect(p.missing([RDG])).toEqual([]);
  });
});

describe("resource × action", () => {
  it("reads the server's map where it knows the resource, else the <resource>.<action> code", () => {
    const p = permissionChecks(new Set(["products.view", "inventory.read"]), {
      inventory: { can_view: true, can_create: false, can_edit: false, can_delete: false, can_export: true },
    } as never);
    expect(p.canView("inventory")).toBe(true);
    expect(p.canExport("inventory")).toBe(true);
    expect(p.canView("products")).toBe(true);
    expect(p.canCreate("products")).toBe(false);
  });
});

describe("gateDecision", () => {
  const p = set(ANALYSIS);
  it.each([
    ["code, held", { code: ANALYSIS }, true, [], ""],
    ["code, lacking", { code: RDG }, false, [RDG], `Requires the permission ${RDG}`],
    ["anyOf, one held", { anyOf: [RDG, ANALYSIS, FCO] }, true, [], ""],
    ["anyOf, none held", { anyOf: [RDG, FCO] }, false, [RDG, FCO], `Requires one of: ${RDG}, ${FCO}`],
    ["allOf, all held", { allOf: [ANALYSIS] }, true, [], ""],
    ["allOf, one lacking", { allOf: [ANALYSIS, RDG] }, false, [RDG], `Requires the permission ${RDG}`],
    [
      "allOf, two lacking",
      { allOf: [RDG, ANALYSIS, FCO] },
      false,
      [RDG, FCO],
      `Requires the permissions ${RDG}, ${FCO}`,
    ],
  ] as const)("%s", (_, req, allowed, missing, reason) => {
    expect(gateDecision(p, req)).toEqual({ allowed, missing, reason });
  });

  it("a denial never names what is granted", () => {
    const d = gateDecision(p, { allOf: [RDG, ANALYSIS] });
    expect(d.reason).not.toContain(ANALYSIS);
    expect(d.missing).not.toContain(ANALYSIS);
  });

  it("names the previewed user instead of “Requires”", () => {
    expect(gateDecision(p, { code: RDG }, "Max Member").reason).toBe(`Max Member lacks the permission ${RDG}`);
    expect(missingSentence([RDG, FCO], true, "Max Member")).toBe(`Max Member lacks one of: ${RDG}, ${FCO}`);
  });

  it("agrees with a naive model for any set and any requirement", () => {
    const code = fc.constantFrom("a.view", "a.edit", "b.view", "b.edit", "c.view");
    fc.assert(
      fc.property(
        fc.uniqueArray(code),
        fc.uniqueArray(code, { minLength: 1 }),
        fc.constantFrom("code", "anyOf", "allOf"),
        (held, asked, kind) => {
          const checks = permissionChecks(new Set(held));
          const req = kind === "code" ? { code: asked[0]! } : kind === "anyOf" ? { anyOf: asked } : { allOf: asked };
          const codes = kind === "code" ? [asked[0]!] : asked;
          const has = (c: string) => (held as string[]).includes(c);
          const expected = kind === "anyOf" ? codes.some(has) : codes.every(has);
          const d = gateDecision(checks, req);
          expect(d.allowed).toBe(expected);
          expect(d.missing).toEqual(expected ? [] : codes.filter((c) => !has(c)));
          expect(d.reason.match(/[a-z]+\.[a-z]+/g) ?? []).toEqual(d.missing);
        },
      ),
    );
  });
});
