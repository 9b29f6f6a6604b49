import { describe, expect, it } from "vitest";
import { diffEntry } from "./diff";
import { auditApiParams, datePreset, dayStart, NO_FILTERS, parseAuditFilters } from "./filters";

describe("audit filters: days in the viewer's time zone, sent as UTC instants", () => {
  it("a day begins at its local midnight", () => {
    expect(dayStart("2026-12-07", "").toISOString()).toBe("2026-12-07T00:00:00.000Z");
    expect(dayStart("2026-12-07", "Pacific/Kiritimati").toISOString()).toBe("2026-12-06T10:00:00.000Z");
    expect(dayStart("2026-12-07", "America/New_York").toISOString()).toBe("2026-12-07T05:00:00.000Z");
    // The day clocks go forward in Berlin still begins at 00:00 CET.
    expect(dayStart("2026-03-29", "Europe/Berlin").toISOString()).toBe("2026-03-28T23:00:00.000Z");
  });

  it("`to` is inclusive: up to the last millisecond before the next local midnight", () => {
    const p = auditApiParams({ ...NO_FILTERS, from: "2026-12-06", to: "2026-12-06", tz: "America/New_York" });
    expect(p.from).toBe("2026-12-06T05:00:00.000Z");
    expect(p.to).toBe("2026-12-07T04:59:59.999Z");
  });

  it("presets are the viewer's today, yesterday and last 7 days", () => {
    // 23:30 UTC on 7 Dec is already 8 Dec in Auckland.
    const now = new Date("2026-12-07T23:30:00Z");
    expect(datePreset("today", "Pacific/Auckland", now)).toEqual({ from: "2026-12-08", to: "2026-12-08" });
    expect(datePreset("yesterday", "Pacific/Auckland", now)).toEqual({ from: "2026-12-07", to: "2026-12-07" });
    expect(datePreset("week", "UTC", now)).toEqual({ from: "2026-12-01", to: "2026-12-07" });
  });

  it("a hand-edited URL never breaks the page: an unknown zone or a bad day is dropped", () => {
    const f = parseAuditFilters({ tz: "Mars/Olympus", from: "2026-13-45", to: "2026-12-07" });
    expect(f.tz).toBe("");
    expect(f.from).toBe("");
    expect(f.to).toBe("2026-12-07");
  });
});

describe("audit diff of a set-valued change", () => {
  it("shows what was added and removed; the set held before is context, not a removal", () => {
    const d = diffEntry({ codes: ["a", "b", "c"] }, { added: ["d"], removed: ["a"], changed: [] });
    expect(d.added).toEqual(["d"]);
    expect(d.removed).toEqual(["a"]);
    expect(d.lines).toEqual([{ key: "codes", kind: "context", before: ["a", "b", "c"] }]);
  });

  it("a list field that changed lists only the elements that came and went", () => {
    const d = diffEntry({ parents: ["x", "y"] }, { parents: ["x", "z"] });
    expect(d.lines[0]).toMatchObject({ key: "parents", kind: "changed", plus: ["z"], minus: ["y"] });
  });
});
