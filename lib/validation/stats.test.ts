import { describe, expect, it } from "vitest";
import { checkStatsQuery } from "./stats";

// Found by the contract fuzzer: `GET /api/v1/stats/checks?to=0000-01-01` answered 500, PostgreSQL's
// `date` having no year 0 (and `to=0001-01-10` reached it through the default 30-day range).
describe("the days of the check statistics", () => {
  it("refuses a day before 1970 with the field's path, where PostgreSQL would fail", () => {
    for (const [field, value] of [
      ["to", "0000-01-01"],
      ["from", "0000-01-01"],
      ["to", "0001-01-10"],
      ["from", "1969-12-31"],
    ] as const) {
      const result = checkStatsQuery.safeParse({ [field]: value });
      expect(result.success, `${field}=${value}`).toBe(false);
      expect(result.error?.issues.map((i) => i.path.join("."))).toEqual([field]);
    }
  });

  it("takes the days from 1970 to 9999", () => {
    expect(checkStatsQuery.safeParse({ from: "1970-01-01", to: "9999-12-31" }).success).toBe(true);
    expect(checkStatsQuery.safeParse({ to: "2024-02-29" }).success).toBe(true);
  });
});
