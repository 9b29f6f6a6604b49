import { describe, expect, it } from "vitest";
import { auditQuery } from "./audit";

// Found by the contract fuzzer on PostgreSQL: `GET /api/v1/audit?from=0000-01-01T00:00:00Z` answered
// 500 (timestamptz has no year 0; PGlite's driver writes it as 1 BC, so only PostgreSQL failed).
describe("the audit log's time range", () => {
  it("refuses an instant before 1970 with the field's path, where PostgreSQL would fail", () => {
    for (const [field, value] of [
      ["from", "0000-01-01T00:00:00Z"],
      ["to", "0000-01-01T00:00:00+23:59"],
      ["from", "1969-12-31T23:59:59Z"],
    ] as const) {
      const result = auditQuery.safeParse({ [field]: value });
      expect(result.success, `${field}=${value}`).toBe(false);
      expect(result.error?.issues.map((i) => i.path.join("."))).toEqual([field]);
    }
  });

  it("takes instants from 1970 to 9999, with any offset", () => {
    expect(auditQuery.safeParse({ from: "1970-01-01T00:00:00Z", to: "9999-12-31T23:59:59.999+02:00" }).success).toBe(
      true,
    );
  });
});
