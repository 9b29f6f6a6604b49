import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ClockCache } from "./clock-cache";

function cacheOf(max: number) {
  const disposed: string[] = [];
  const cache = new ClockCache<number>(max, (value, key) => disposed.push(`${key}=${value}`));
  return { cache, disposed };
}

describe("ClockCache (second-chance eviction)", () => {
  it("keeps at most max entries and disposes each evicted one once", () => {
    const { cache, disposed } = cacheOf(3);
    for (const [i, key] of ["a", "b", "c", "d", "e"].entries()) cache.set(key, i);
    expect(cache.size).toBe(3);
    expect(disposed).toEqual(["a=0", "b=1"]);
    expect(cache.get("a")).toBeUndefined();
    expect([cache.get("c"), cache.get("d"), cache.get("e")]).toEqual([2, 3, 4]);
  });

  it("gives an entry used since the hand last passed a second chance", () => {
    const { cache, disposed } = cacheOf(3);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("c", 3);
    cache.get("a");
    cache.set("d", 4); // a was used: b goes
    expect(disposed).toEqual(["b=2"]);
    expect(cache.get("a")).toBe(1);
  });

  it("delete disposes, frees the place for the next entry, and forgets the key", () => {
    const { cache, disposed } = cacheOf(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.delete("a")).toBe(true);
    expect(cache.delete("a")).toBe(false);
    cache.set("c", 3); // fills the hole: nothing evicted
    expect(disposed).toEqual(["a=1"]);
    expect([cache.get("b"), cache.get("c"), cache.size]).toEqual([2, 3, 2]);
  });

  it("replacing a key's value disposes the old value", () => {
    const { cache, disposed } = cacheOf(2);
    cache.set("a", 1);
    cache.set("a", 2);
    expect(disposed).toEqual(["a=1"]);
    expect(cache.get("a")).toBe(2);
  });

  it("refuses a bound below one", () => {
    expect(() => new ClockCache<number>(0, () => {})).toThrow(RangeError);
  });

  it("agrees with a Map on every key it still holds, never exceeds its bound, and disposes exactly what left", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("set" as const), key: fc.integer({ min: 0, max: 12 }), value: fc.integer() }),
      fc.record({ kind: fc.constant("get" as const), key: fc.integer({ min: 0, max: 12 }) }),
      fc.record({ kind: fc.constant("delete" as const), key: fc.integer({ min: 0, max: 12 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 200 }), (max, ops) => {
        const live = new Map<string, number>();
        const cache = new ClockCache<number>(max, (value, key) => {
          expect(live.get(key)).toBe(value);
          live.delete(key);
        });
        for (const o of ops) {
          const key = `k${o.key}`;
          if (o.kind === "set") {
            cache.set(key, o.value);
            live.set(key, o.value);
          } else if (o.kind === "get") {
            const got = cache.get(key);
            if (got !== undefined) expect(got).toBe(live.get(key));
            else expect(live.has(key)).toBe(false);
          } else {
            const held = live.has(key);
            expect(cache.delete(key)).toBe(held);
            expect(live.has(key)).toBe(false);
          }
          expect(cache.size).toBeLessThanOrEqual(max);
          expect(cache.size).toBe(live.size);
        }
      }),
      { numRuns: 300 },
    );
  });
});
