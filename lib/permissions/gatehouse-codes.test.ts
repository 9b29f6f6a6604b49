import { describe, expect, it } from "vitest";
import { permissions } from "@/db/seed/catalog";
import { GATEHOUSE_CODES, isGatehouseCode } from "./gatehouse-codes";

describe("Gatehouse's own permission codes", () => {
  it("are exactly the seeded catalog's gatehouse.* codes", () => {
    const seeded = permissions.map((p) => p.code).filter((code) => code.startsWith("gatehouse."));
    expect([...GATEHOUSE_CODES].sort()).toEqual(seeded.sort());
  });

  it("tell a Gatehouse code from a product's code", () => {
    expect(isGatehouseCode("gatehouse.roles.manage")).toBe(true);
    expect(isGatehouseCode("gatehouse.stats.manage")).toBe(false);
    expect(isGatehouseCode("sites.list.view")).toBe(false);
  });
});
