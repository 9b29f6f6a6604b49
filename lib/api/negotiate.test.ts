import { describe, expect, it } from "vitest";
import { wantsCsv, wantsYaml } from "./negotiate";

describe("content negotiation", () => {
  it("asks CSV only when Accept names text/csv", () => {
    const req = (accept?: string) => new Request("http://x/api/v1/audit", { headers: accept ? { accept } : {} });
    expect(wantsCsv(req("text/csv"))).toBe(true);
    expect(wantsCsv(req("text/csv; charset=utf-8"))).toBe(true);
    expect(wantsCsv(req("application/json, text/csv;q=0.5"))).toBe(true);
    expect(wantsCsv(req("application/json"))).toBe(false);
    expect(wantsCsv(req("text/csvx"))).toBe(false);
    expect(wantsCsv(req())).toBe(false);
  });

  it("asks YAML only when Accept names a YAML type", () => {
    const req = (accept?: string) => new Request("http://x/api/v1/policy", { headers: accept ? { accept } : {} });
    expect(wantsYaml(req("application/yaml"))).toBe(true);
    expect(wantsYaml(req("text/yaml; charset=utf-8"))).toBe(true);
    expect(wantsYaml(req("application/json, application/x-yaml;q=0.5"))).toBe(true);
    expect(wantsYaml(req("application/json"))).toBe(false);
    expect(wantsYaml(req("application/yamlx"))).toBe(false);
    expect(wantsYaml(req())).toBe(false);
  });
});
