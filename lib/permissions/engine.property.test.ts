/**
 * The engine against the naive model of docs/design.md §3 (testing/reference.ts) on random worlds:
 * every decision (granted, reason, via, requires_mfa, deprecated, replacement), every effective
 * set, the cached path against a fresh compile, and explain against decide.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileSnapshot } from "./engine";
import { referenceDecide, referenceEffective } from "./testing/reference";
import { ALL_USERS, buildQuery, buildWorld, drawFrom, QUERY_NOWS } from "./testing/world";

const WORLDS = 200;
const QUERIES_PER_WORLD = 60;

describe("engine agrees with the reference model", () => {
  it(`decides like the reference (${WORLDS} worlds × ${QUERIES_PER_WORLD} questions, cached and fresh)`, () => {
    let decisions = 0;
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const d = drawFrom(g);
        const world = buildWorld(d);
        // A tiny LRU: users are evicted and recomputed, sets freed and reused, between questions.
        const cached = compileSnapshot(world, { maxUsers: 2, maxMemoDecisions: 25 });
        for (let i = 0; i < QUERIES_PER_WORLD; i++) {
          const q = buildQuery(d, world);
          const expected = referenceDecide(world, q.userId, q.code, q.context, q.now);
          if (i % 5 === 0)
            expect(
              compileSnapshot(world).decide(q.userId, q.code, q.context, q.now),
              `fresh ${JSON.stringify(q)}`,
            ).toStrictEqual(expected);
          expect(cached.decide(q.userId, q.code, q.context, q.now), `first ${JSON.stringify(q)}`).toStrictEqual(
            expected,
          );
          expect(cached.decide(q.userId, q.code, q.context, q.now), `second ${JSON.stringify(q)}`).toStrictEqual(
            expected,
          );
          if (i % 4 === 0) expect(cached.explain(q.userId, q.code, q.context, q.now).decision).toStrictEqual(expected);
          decisions++;
          if (q.context !== undefined) continue;
          // Users share cached sets and decision tables: ask everyone the same question.
          for (const other of ALL_USERS) {
            const theirs = referenceDecide(world, other, q.code, undefined, q.now);
            expect(cached.decide(other, q.code, undefined, q.now), `${other} on ${JSON.stringify(q)}`).toStrictEqual(
              theirs,
            );
            decisions++;
          }
        }
      }),
      { numRuns: WORLDS, endOnFailure: true },
    );
    expect(decisions).toBeGreaterThanOrEqual(10_000);
  });

  it("computes effective sets and validUntil like the reference, at several instants", () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const d = drawFrom(g);
        const world = buildWorld(d);
        const cached = compileSnapshot(world, { maxUsers: 3 });
        for (const now of [...QUERY_NOWS, ...QUERY_NOWS.slice().reverse()]) {
          const fresh = compileSnapshot(world);
          for (const userId of ALL_USERS) {
            const expected = referenceEffective(world, userId, now);
            expect(cached.effectivePermissions(userId, now), `${userId} at ${now}`).toStrictEqual(expected);
            expect(fresh.effectivePermissions(userId, now)).toStrictEqual(expected);
          }
        }
      }),
      { numRuns: 150, endOnFailure: true },
    );
  });
});
