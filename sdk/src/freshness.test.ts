import { describe, expect, it } from "vitest";
import { Freshness } from "./freshness";

function clocked(boundMs = 5_000) {
  let now = 1_000_000;
  const flips: boolean[] = [];
  const f = new Freshness(
    boundMs,
    () => now,
    (fresh) => flips.push(fresh),
  );
  return { f, flips, advance: (ms: number) => (now += ms) };
}

describe("freshness: memory answers only while the stream confirms it within the bound", () => {
  it("is not fresh before the stream has said where it stands", () => {
    const { f } = clocked();
    f.confirm(); // bytes before `ready` confirm nothing
    expect(f.fresh()).toBe(false);
    expect(f.age()).toBe(Number.POSITIVE_INFINITY);
  });

  it("stays fresh while heartbeats come, and stops exactly after the bound without one", () => {
    const { f, flips, advance } = clocked(5_000);
    f.opened();
    for (let i = 0; i < 20; i++) {
      advance(1_000);
      f.confirm();
      expect(f.fresh()).toBe(true);
    }
    advance(5_000);
    expect(f.fresh()).toBe(true); // at the bound: still within it
    advance(1);
    expect(f.fresh()).toBe(false);
    expect(flips).toEqual([true, false]);
  });

  it("a closed stream is trusted until the bound runs out, and confirms nothing until opened again", () => {
    const { f, advance } = clocked(2_000);
    f.opened();
    f.closed();
    advance(1_500);
    f.confirm();
    expect(f.fresh()).toBe(true);
    advance(600);
    expect(f.fresh()).toBe(false); // the confirm while closed did not count
    f.opened();
    expect(f.fresh()).toBe(true);
  });

  it("reports each flip once (staleness metrics)", () => {
    const { f, flips, advance } = clocked(100);
    f.opened();
    advance(200);
    f.fresh();
    f.fresh();
    f.confirm();
    f.fresh();
    expect(flips).toEqual([true, false, true]);
  });
});
