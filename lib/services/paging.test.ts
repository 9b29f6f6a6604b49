import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/errors";
import { decodeCursor, encodeCursor, LISTS, paginate } from "./paging";

const ROLE = { name: "Auditor", id: "7c9e6679-7425-40de-944b-e07fc1f90ae7" };

function refusal(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("list cursors", () => {
  it("read back the position their list wrote", () => {
    expect(decodeCursor(LISTS.roles, encodeCursor(LISTS.roles, ROLE))).toEqual(ROLE);
    expect(decodeCursor(LISTS.roles, undefined)).toBeNull();
  });

  it("refuse a cursor of another list with a 400 naming query.cursor (never a 500)", () => {
    const e = refusal(() => decodeCursor(LISTS.tenants, encodeCursor(LISTS.roles, ROLE)));
    expect(e.status).toBe(400);
    expect(e.errors).toEqual([{ path: "query.cursor", message: "Not a cursor of this list" }]);
  });

  it("refuse forged, truncated and hostile cursors with a 400", () => {
    const good = encodeCursor(LISTS.roles, ROLE);
    const [payload, mac] = good.split(".");
    const forged = `${Buffer.from(JSON.stringify({ name: "x", id: ROLE.id })).toString("base64url")}.${mac}`;
    for (const cursor of [forged, payload!, `${good}.x`, `${payload}.${"é".repeat(43)}`, "\u0000", ".", "a.b"])
      expect(refusal(() => decodeCursor(LISTS.roles, cursor)).status).toBe(400);
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (cursor) => {
        fc.pre(cursor !== "");
        expect(refusal(() => decodeCursor(LISTS.roles, cursor)).status).toBe(400);
      }),
    );
  });

  it("page: at most `limit` rows, and a next cursor only when a row was left over", async () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ seq: i }));
    const fetch = async (after: { seq: number } | null, limit: number) =>
      rows.filter((r) => after === null || r.seq > after.seq).slice(0, limit + 1);
    const first = await paginate(LISTS.audit, { limit: 2 }, fetch, (r) => ({ seq: r.seq }));
    expect(first.rows).toEqual([{ seq: 0 }, { seq: 1 }]);
    const second = await paginate(LISTS.audit, { limit: 3, cursor: first.next_cursor! }, fetch, (r) => r);
    expect(second).toEqual({ rows: [{ seq: 2 }, { seq: 3 }, { seq: 4 }], next_cursor: null });
  });
});
