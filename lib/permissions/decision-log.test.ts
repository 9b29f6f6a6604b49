import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { insertDecisions, listDecisions, purgeDecisions } from "@/db/queries/decisions";
import { decisionLog, tenants } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import {
  configureDecisionLog,
  type DecisionRecord,
  decisionLogSettings,
  decisionLogStats,
  decisionsOfRequest,
  flushDecisionLog,
  logDecision,
  setDecisionWriter,
} from "./decision-log";

const driver = process.env.DATABASE_URL ? "postgres" : "pglite";
let database: TestDatabase;
const t = {} as Record<"acme" | "globex", string>;
const USER = "11111111-1111-4111-8111-111111111111";
const DENIED = { granted: false, reason: "none", via: null } as const;
const GRANTED = { granted: true, reason: "role", via: null } as const;
/** Statements the writer made (one per flush here: every batch is under 1,000 rows). */
let writes = 0;

const rows = async (tenantId = t.acme) =>
  (await database.db.select({ n: count() }).from(decisionLog).where(eq(decisionLog.tenantId, tenantId)))[0]!.n;

beforeAll(async () => {
  database = await createTestDatabase();
  for (const slug of ["acme", "globex"] as const) {
    const [row] = await database.db.insert(tenants).values({ name: slug, slug }).returning({ id: tenants.id });
    t[slug] = row!.id;
  }
});
afterAll(() => database.destroy());
beforeEach(async () => {
  await flushDecisionLog();
  await database.db.delete(decisionLog);
  writes = 0;
  setDecisionWriter(async (batch) => {
    writes++;
    await insertDecisions(database.db, batch);
  });
  configureDecisionLog({ enabled: true, sampleRate: 0, maxBuffered: 10_000, flushAt: 1_000 }, Math.random);
});

describe(`the decision log on ${driver}`, () => {
  it("keeps every denial in memory and writes them in one batch, not a row per decision", async () => {
    for (let i = 0; i < 300; i++) logDecision(t.acme, USER, `sites.code${i % 7}`, DENIED, "check", null, { i });
    expect(await rows()).toBe(0);
    expect(decisionLogStats().buffered).toBe(300);
    await flushDecisionLog();
    expect(writes).toBe(1);
    expect(await rows()).toBe(300);
    const [one] = await listDecisions(database.db, t.acme, { code: "sites.code3" }, null, 1);
    expect(one).toMatchObject({ userId: USER, code: "sites.code3", granted: false, reason: "none", source: "check" });
  });

  it("flushes on its own when the buffer grows large, on a later turn of the event loop", async () => {
    configureDecisionLog({ flushAt: 50 });
    for (let i = 0; i < 50; i++) logDecision(t.acme, USER, `sites.code${i}`, DENIED, "page", null);
    expect(writes).toBe(0);
    await new Promise((r) => setImmediate(r));
    await flushDecisionLog();
    expect(writes).toBe(1);
    expect(await rows()).toBe(50);
  });

  it("samples granted decisions at the configured rate; none at 0, all at 1", async () => {
    for (let i = 0; i < 200; i++) logDecision(t.acme, USER, `sites.a${i}`, GRANTED, "check", null);
    configureDecisionLog({ sampleRate: 1 });
    for (let i = 0; i < 100; i++) logDecision(t.acme, USER, `sites.b${i}`, GRANTED, "check", null);
    let n = 0;
    configureDecisionLog({ sampleRate: 0.25 }, () => (n++ % 4) / 4);
    for (let i = 0; i < 400; i++) logDecision(t.acme, USER, `sites.c${i}`, GRANTED, "check", null);
    await flushDecisionLog();
    expect(await rows()).toBe(100 + 100);
  });

  it("the same decision again before the flush is counted on its row; with a context, or after the flush, it is a row of its own", async () => {
    for (let i = 0; i < 1_000; i++) logDecision(t.acme, USER, "sites.list.delete_action", DENIED, "check", null);
    logDecision(t.acme, USER, "sites.list.delete_action", DENIED, "page", null);
    logDecision(t.acme, USER, "sites.list.delete_action", DENIED, "check", "22222222-2222-4222-8222-222222222222");
    for (let i = 0; i < 3; i++) logDecision(t.acme, USER, "sites.list.delete_action", DENIED, "check", null, { i: 1 });
    expect(decisionLogStats().buffered).toBe(6);
    await flushDecisionLog();
    logDecision(t.acme, USER, "sites.list.delete_action", DENIED, "check", null);
    await flushDecisionLog();
    const all = await listDecisions(database.db, t.acme, { code: "sites.list.delete_action" }, null, 100);
    expect(all.map((r) => r.count).sort((a, b) => a - b)).toEqual([1, 1, 1, 1, 1, 1, 1000]);
    expect(all.reduce((n, r) => n + r.count, 0)).toBe(1_006);
  });

  it("a check route's repeat at the same state version is counted before its reason is worked out", async () => {
    let decided = 0;
    const decide = () => {
      decided++;
      return DENIED;
    };
    for (let i = 0; i < 500; i++) decisionsOfRequest(t.acme, 7, USER, "check", null)("jobs.detail.edit", false, decide);
    decisionsOfRequest(t.acme, 8, USER, "check", null)("jobs.detail.edit", false, decide);
    expect(decided).toBe(2);
    await flushDecisionLog();
    const all = await listDecisions(database.db, t.acme, { code: "jobs.detail.edit" }, null, 10);
    expect(all.map((r) => r.count).sort((a, b) => a - b)).toEqual([1, 500]);
  });

  it("off keeps nothing, not even denials", async () => {
    configureDecisionLog({ enabled: false });
    logDecision(t.acme, USER, "sites.list.view", DENIED, "check", null);
    expect(decisionLogStats().buffered).toBe(0);
  });

  it("is bounded: while the database is slow, decisions past the bound are dropped and counted", async () => {
    configureDecisionLog({ maxBuffered: 100, flushAt: 1_000_000 });
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    setDecisionWriter(async (batch: DecisionRecord[]) => {
      await slow;
      await insertDecisions(database.db, batch);
    });
    const dropped = decisionLogStats().dropped;
    for (let i = 0; i < 100; i++) logDecision(t.acme, USER, `a.b${i}`, DENIED, "check", null);
    const flushing = flushDecisionLog();
    // The first batch is in flight; the buffer fills again, then drops.
    for (let i = 0; i < 250; i++) logDecision(t.acme, USER, `a.c${i}`, DENIED, "check", null);
    expect(decisionLogStats().buffered).toBe(100);
    expect(decisionLogStats().dropped - dropped).toBe(150);
    release();
    await flushing;
    await flushDecisionLog();
    expect(await rows()).toBe(200);
  });

  it("a failed write drops its batch and counts it, and the next write goes on", async () => {
    const before = decisionLogStats();
    setDecisionWriter(async () => {
      throw new Error("database down");
    });
    for (let i = 0; i < 10; i++) logDecision(t.acme, USER, `a.b${i}`, DENIED, "check", null);
    const error = console.error;
    console.error = () => undefined;
    await flushDecisionLog().finally(() => (console.error = error));
    expect(decisionLogStats().failedFlushes).toBe(before.failedFlushes + 1);
    expect(decisionLogStats().dropped).toBe(before.dropped + 10);
    expect(decisionLogStats().buffered).toBe(0);
  });

  it("retention: the purge deletes what is older than the cut, every tenant's, and nothing newer", async () => {
    const day = 86_400_000;
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * day);
    const row = (tenantId: string, daysAgo: number) => ({
      tenantId,
      at: at(daysAgo),
      userId: USER,
      code: "a.b",
      granted: false,
      reason: "none",
      via: null,
      context: null,
      source: "check",
      apiKeyId: null,
    });
    await insertDecisions(database.db, [
      row(t.acme, 40),
      row(t.acme, 31),
      row(t.acme, 29),
      row(t.globex, 45),
      row(t.globex, 1),
    ]);
    expect(await purgeDecisions(database.db, at(30))).toBe(3);
    expect(await rows(t.acme)).toBe(1);
    expect(await rows(t.globex)).toBe(1);
  });

  it("lists a tenant's decisions only, newest first, paged by (at, id) without gaps or repeats", async () => {
    for (let i = 0; i < 25; i++) logDecision(t.acme, USER, `a.b${i}`, DENIED, i % 2 ? "check" : "action", null);
    logDecision(t.globex, USER, "a.b", DENIED, "check", null);
    await flushDecisionLog();
    const seen: number[] = [];
    let after: { at: string; id: number } | null = null;
    for (;;) {
      const page = await listDecisions(database.db, t.acme, {}, after, 7);
      seen.push(...page.map((r) => r.id));
      if (page.length < 7) break;
      const last = page.at(-1)!;
      after = { at: last.at.toISOString(), id: last.id };
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(await listDecisions(database.db, t.acme, { source: "action" }, null, 100)).toHaveLength(13);
  });

  it("reads its settings from the environment and refuses a malformed one by name", () => {
    expect(decisionLogSettings({})).toMatchObject({ enabled: true, sampleRate: 0.01, retentionDays: 30 });
    expect(decisionLogSettings({ DECISION_LOG: "off" }).enabled).toBe(false);
    expect(() => decisionLogSettings({ DECISION_LOG_SAMPLE_RATE: "2" })).toThrow(/DECISION_LOG_SAMPLE_RATE/);
    expect(() => decisionLogSettings({ DECISION_LOG_RETENTION_DAYS: "x" })).toThrow(/RETENTION/);
  });
});
