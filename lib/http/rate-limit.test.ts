import { createHash, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { rateLimits as rateLimitTable } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import type { MaybePromise } from "@/lib/maybe-promise";
import { createRateLimits, type RateLimitSettings, settingsFromEnv } from "./rate-limit";

const driver = process.env.DATABASE_URL ? "postgres" : "pglite";
const low: RateLimitSettings = { checkPerMinute: 5, checkBatch: 1, signInPerEmail: 3, signInPerIp: 6 };
let database: TestDatabase;
let other: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  other = await database.connectAgain();
});
afterAll(() => database.destroy());

const subject = () => `key:${randomUUID()}`;
const email = () => `${randomUUID()}@example.test`;

async function consumeAll(check: (s: string) => MaybePromise<{ allowed: boolean }>, key: string, n: number) {
  const verdicts = [];
  for (let i = 0; i < n; i++) verdicts.push(await check(key));
  return verdicts.map((v) => v.allowed);
}

describe.each(["memory", "database"] as const)(`the %s store on ${driver}`, (store) => {
  it("allows the budget of checks, then refuses with the seconds to wait, per subject", async () => {
    const limits = createRateLimits(database, low, { store });
    const key = subject();
    expect(await consumeAll(limits.check, key, 6)).toEqual([true, true, true, true, true, false]);
    const refused = await limits.check(key);
    expect(refused).toMatchObject({ allowed: false });
    expect(refused.allowed ? 0 : refused.retryAfter).toBeGreaterThanOrEqual(1);
    expect(refused.allowed ? 0 : refused.retryAfter).toBeLessThanOrEqual(60);
    expect(await limits.check(subject())).toEqual({ allowed: true });
  });

  it("does not run a sign-in attempt once the email's budget is spent, and gives successes back", async () => {
    const limits = createRateLimits(database, low, { store });
    const who = { email: email(), ip: "203.0.113.7" };
    const verify = vi.fn(async (password: string) => password === "right");
    const attempt = (password: string) =>
      limits.signIn(
        who,
        () => verify(password),
        (ok) => ok,
      );
    // Successes do not count: four in a row stay within a budget of three.
    for (let i = 0; i < 4; i++) expect(await attempt("right")).toEqual({ limited: false, result: true });
    for (let i = 0; i < 3; i++) expect(await attempt("wrong")).toEqual({ limited: false, result: false });
    verify.mockClear();
    const refused = await attempt("right");
    expect(refused).toMatchObject({ limited: true });
    expect(refused.limited && refused.retryAfter).toBeGreaterThan(14 * 60);
    expect(verify).not.toHaveBeenCalled();
    // The email is matched case-insensitively; another email from another IP is unaffected.
    expect(
      await limits.signIn({ ...who, email: who.email.toUpperCase() }, () => verify("right"), Boolean),
    ).toMatchObject({ limited: true });
    expect(await limits.signIn({ email: email(), ip: "203.0.113.8" }, () => verify("right"), Boolean)).toEqual({
      limited: false,
      result: true,
    });
  });

  it("refuses an IP that fails across many emails", async () => {
    const limits = createRateLimits(database, low, { store });
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const outcomes = [];
    for (let i = 0; i < 7; i++)
      outcomes.push((await limits.signIn({ email: email(), ip }, async () => false, Boolean)).limited);
    expect(outcomes).toEqual([false, false, false, false, false, false, true]);
  });
});

describe(`the database store on ${driver}`, () => {
  it("is the default on PostgreSQL only, and keeps no email in clear", async () => {
    const limits = createRateLimits(database, low);
    const who = { email: `${randomUUID()}@clear.test`, ip: "192.0.2.1" };
    await limits.signIn(who, async () => false, Boolean);
    const rows = await database.db.select().from(rateLimitTable);
    const digest = createHash("sha256").update(who.email).digest("base64url");
    expect(rows.some((r) => r.key === `signin_email:${digest}`)).toBe(driver === "postgres");
    expect(rows.some((r) => r.key.includes(who.email) || r.key.includes(who.ip))).toBe(false);
  });

  it("shares one budget between instances, exactly, under concurrency", async () => {
    const a = createRateLimits(database, low, { store: "database" });
    const b = createRateLimits({ db: other.db, driver: other.driver }, low, { store: "database" });
    const key = subject();
    const verdicts = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).check(key)));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
  });

  it("leases check points in batches: one store write per batch, and none while refused", async () => {
    const limits = createRateLimits(database, { ...low, checkPerMinute: 12, checkBatch: 5 }, { store: "database" });
    const key = subject();
    const stored = async () =>
      (
        await database.db
          .select()
          .from(rateLimitTable)
          .where(eq(rateLimitTable.key, `check:${key}`))
      )[0]?.points;
    expect(await consumeAll(limits.check, key, 6)).toEqual(Array(6).fill(true));
    expect(await stored()).toBe(10); // two leases of 5
    // The third lease gets the 2 points left, then the key is refused from memory until its window ends.
    expect(await consumeAll(limits.check, key, 8)).toEqual([...Array(6).fill(true), false, false]);
    expect(await stored()).toBe(15);
    const refused = await limits.check(key);
    expect(refused.allowed ? 0 : refused.retryAfter).toBeGreaterThanOrEqual(1);
    expect(refused.allowed ? 0 : refused.retryAfter).toBeLessThanOrEqual(60);
    expect(await stored()).toBe(15);
  });

  it("across instances: never past the limit, and at most batch - 1 points early per other instance", async () => {
    const settings = { ...low, checkPerMinute: 20, checkBatch: 5 };
    const a = () => createRateLimits(database, settings, { store: "database" });
    const b = () => createRateLimits({ db: other.db, driver: other.driver }, settings, { store: "database" });

    // Both instances used until both refuse: every leased point is spent, so exactly the limit.
    const [a1, b1, key] = [a(), b(), subject()];
    const verdicts = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a1 : b1).check(key)));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(20);

    // One check on B leases 5 and uses 1; A can then have only what is left: 15. The 4 points
    // leased by B and unused are the tolerance (batch - 1), never more.
    const [a2, b2, key2] = [a(), b(), subject()];
    expect(await b2.check(key2)).toEqual({ allowed: true });
    const onA = await consumeAll(a2.check, key2, 25);
    expect(onA.filter(Boolean)).toHaveLength(15);
    // B still spends what it leased.
    expect(await consumeAll(b2.check, key2, 5)).toEqual([true, true, true, true, false]);
  });

  it("fails open, with one warning, when the store errors or does not answer", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const insert = vi.fn(() => {
        throw new Error("store down");
      });
      const broken = { insert } as unknown as Database["db"];
      const limits = createRateLimits({ db: broken, driver: "postgres" }, low);
      const key = subject();
      expect(await consumeAll(limits.check, key, 8)).toEqual(Array(8).fill(true));
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toContain("rate limit check");
      // The failed store is asked again after a second, not on every check.
      expect(insert).toHaveBeenCalledTimes(1);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(await limits.check(key)).toEqual({ allowed: true });
      expect(insert).toHaveBeenCalledTimes(2);

      const hanging = {
        insert: () => ({ values: () => ({ onConflictDoUpdate: () => ({ returning: () => new Promise(() => {}) }) }) }),
      } as unknown as Database["db"];
      const slow = createRateLimits({ db: hanging, driver: "postgres" }, low, { timeoutMs: 50 });
      const started = Date.now();
      expect(
        await slow.signIn(
          { email: email(), ip: null },
          async () => "ran",
          () => true,
        ),
      ).toEqual({ limited: false, result: "ran" });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      warn.mockRestore();
    }
  });
});

describe("settings and the client's IP", () => {
  it("reads limits from the environment and refuses a malformed one", () => {
    expect(settingsFromEnv({})).toEqual({ checkPerMinute: 6000, checkBatch: 60, signInPerEmail: 10, signInPerIp: 50 });
    expect(
      settingsFromEnv({
        RATE_LIMIT_CHECK_PER_MINUTE: "120",
        RATE_LIMIT_SIGNIN_PER_15_MIN: "5",
        RATE_LIMIT_SIGNIN_IP_PER_15_MIN: "200",
      }),
    ).toEqual({
      checkPerMinute: 120,
      checkBatch: 1,
      signInPerEmail: 5,
      signInPerIp: 200,
    });
    expect(settingsFromEnv({ RATE_LIMIT_CHECK_PER_MINUTE: "50", RATE_LIMIT_CHECK_BATCH: "5" })).toMatchObject({
      checkPerMinute: 50,
      checkBatch: 5,
    });
    // A batch is never larger than the limit.
    expect(settingsFromEnv({ RATE_LIMIT_CHECK_PER_MINUTE: "3", RATE_LIMIT_CHECK_BATCH: "10" }).checkBatch).toBe(3);
    expect(() => settingsFromEnv({ RATE_LIMIT_CHECK_PER_MINUTE: "6k" })).toThrow(/RATE_LIMIT_CHECK_PER_MINUTE/);
    expect(() => settingsFromEnv({ RATE_LIMIT_SIGNIN_PER_15_MIN: "0" })).toThrow(/positive integer/);
    expect(() => settingsFromEnv({ RATE_LIMIT_CHECK_BATCH: "-1" })).toThrow(/RATE_LIMIT_CHECK_BATCH/);
  });
});
