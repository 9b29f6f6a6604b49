import { describe, expect, it } from "vitest";
import { rankPermissions } from "./rank-permissions";

const perms = [
  { code: "gatehouse.audit.view", name: "View the audit log", module: "gatehouse" },
  { code: "finance.invoices.delete", name: "Delete invoices", module: "finance" },
  { code: "finance.invoices.view", name: "View invoices", module: "finance" },
  { code: "sites.list.view", name: "See the sites list", module: "sites" },
];

describe("rankPermissions (the Why? search)", () => {
  it("finds a permission by words of its name, in any order and case", () => {
    expect(rankPermissions(perms, "AUDIT log").map((p) => p.code)).toEqual(["gatehouse.audit.view"]);
    expect(rankPermissions(perms, "invoices delete").map((p) => p.code)).toEqual(["finance.invoices.delete"]);
  });

  it("ranks names that start with the text first, then names containing it, then codes", () => {
    // Both names start with "view" (then alphabetical); "See the sites list" matches by code only.
    expect(rankPermissions(perms, "view").map((p) => p.code)).toEqual([
      "finance.invoices.view",
      "gatehouse.audit.view",
      "sites.list.view",
    ]);
    expect(rankPermissions(perms, "sites.list").map((p) => p.code)).toEqual(["sites.list.view"]);
  });

  it("finds by module, and nothing for empty text or no match", () => {
    expect(rankPermissions(perms, "finance").map((p) => p.code)).toEqual([
      "finance.invoices.delete",
      "finance.invoices.view",
    ]);
    expect(rankPermissions(perms, "  ")).toEqual([]);
    expect(rankPermissions(perms, "payroll")).toEqual([]);
  });
});
