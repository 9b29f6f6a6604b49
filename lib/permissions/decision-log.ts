/**
 * The decision log's buffer (docs/design.md §5.4). A decision is recorded in memory — a push onto
 * an array, never a promise or a row in the request — and a writer (registered by the server's
 * permission cache, lib/permissions/server.ts) takes the whole buffer every few seconds, or soon
 * after it grows large, and inserts it in one statement per chunk. Denied decisions are all kept;
 * granted ones are sampled. The buffer is bounded: while the database is slow and a flush is still
 * in flight, decisions beyond the bound are dropped and counted, never queued without end.
 */
import { singleton } from "@/lib/singleton";
import type { DecisionContext, Reason, Via } from "./types";

export type DecisionSource = "check" | "page" | "action";
export const DECISION_SOURCES = ["check", "page", "action"] as const satisfies readonly DecisionSource[];

export interface DecisionRecord {
  tenantId: string;
  at: Date;
  userId: string;
  code: string;
  granted: boolean;
  reason: Reason | string;
  via: Via | null;
  context: DecisionContext | null;
  source: DecisionSource;
  apiKeyId: string | null;
  /** How many times this decision was made before the flush (at: the first). */
  count: number;
}

export interface DecisionLogSettings {
  /** Off: nothing is recorded (DECISION_LOG=off). */
  enabled: boolean;
  /** The share of granted decisions kept, 0..1 (DECISION_LOG_SAMPLE_RATE, default 0.01). */
  sampleRate: number;
  /** Decisions held in memory at most; more are dropped and counted (DECISION_LOG_BUFFER, default 10,000). */
  maxBuffered: number;
  /** A buffer this large is flushed at once rather than at the next tick (default 1,000). */
  flushAt: number;
  /** Milliseconds between flushes (DECISION_LOG_FLUSH_MS, default 5,000). */
  flushEveryMs: number;
  /** Days a decision is kept (DECISION_LOG_RETENTION_DAYS, default 30). */
  retentionDays: number;
}

function numberFrom(value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new Error(`decision log: ${value} is not a number between ${min} and ${max}`);
  return n;
}

/** The settings from the environment; a malformed value stops the start with its name. */
export function decisionLogSettings(env: Record<string, string | undefined> = process.env): DecisionLogSettings {
  const named = (name: string, fallback: number, min: number, max: number) => {
    try {
      return numberFrom(env[name], fallback, min, max);
    } catch (error) {
      throw new Error(`${name}: ${(error as Error).message}`);
    }
  };
  const flag = (env.DECISION_LOG ?? "on").trim().toLowerCase();
  if (!["on", "off", "true", "false", "1", "0", ""].includes(flag)) throw new Error("DECISION_LOG: say on or off");
  return {
    enabled: !["off", "false", "0"].includes(flag),
    sampleRate: named("DECISION_LOG_SAMPLE_RATE", 0.01, 0, 1),
    maxBuffered: Math.floor(named("DECISION_LOG_BUFFER", 10_000, 1, 10_000_000)),
    flushAt: 1_000,
    flushEveryMs: Math.floor(named("DECISION_LOG_FLUSH_MS", 5_000, 10, 3_600_000)),
    retentionDays: named("DECISION_LOG_RETENTION_DAYS", 30, 1, 3650),
  };
}

export type DecisionWriter = (batch: DecisionRecord[]) => Promise<unknown>;

interface LogState {
  settings: DecisionLogSettings;
  buffer: DecisionRecord[];
  /** The buffer's records without a context, by what they decided: a repeat counts on its row. */
  index: Map<string, DecisionRecord>;
  /** The same, for the check routes (`decisionsOfRequest`): by the request's part, then by code. */
  byRequest: Map<string, Map<string, DecisionRecord>>;
  /** Decisions dropped because the buffer was full (the database slower than the checks). */
  dropped: number;
  /** Decisions written, and flushes that failed (their decisions are dropped and counted). */
  written: number;
  failedFlushes: number;
  writer: DecisionWriter | null;
  flushing: Promise<void> | null;
  scheduled: boolean;
  random: () => number;
}

const state = singleton<LogState>("decision-log", () => ({
  settings: decisionLogSettings(),
  buffer: [],
  index: new Map(),
  byRequest: new Map(),
  dropped: 0,
  written: 0,
  failedFlushes: 0,
  writer: null,
  flushing: null,
  scheduled: false,
  random: Math.random,
}));

/** The counters of this instance's log (metrics, doctor, tests). */
export function decisionLogStats() {
  return {
    buffered: state.buffer.length,
    dropped: state.dropped,
    written: state.written,
    failedFlushes: state.failedFlushes,
    settings: state.settings,
  };
}

/** Replaces the settings (tests; the server reads the environment once). */
export function configureDecisionLog(settings: Partial<DecisionLogSettings>, random?: () => number) {
  state.settings = { ...state.settings, ...settings };
  if (random) state.random = random;
}

/** Registers the writer the buffer is flushed to (the server's database). */
export function setDecisionWriter(writer: DecisionWriter | null) {
  state.writer = writer;
}

/** Whether a decision with this outcome is to be kept (denied: always; granted: sampled; off: never). */
export function keepsDecision(granted: boolean): boolean {
  const { settings } = state;
  if (!settings.enabled) return false;
  return !granted || (settings.sampleRate > 0 && state.random() < settings.sampleRate);
}

/**
 * Records one decision, synchronously: no promise, no I/O. Granted ones are kept with the
 * sampling rate's probability. A full buffer drops it and counts the drop.
 */
export function logDecision(...args: Parameters<typeof keepDecision>): void {
  if (keepsDecision(args[3].granted)) keepDecision(...args);
}

/** Puts a decision `keepsDecision` chose into the buffer (or counts it dropped when full). */
export function keepDecision(
  tenantId: string,
  userId: string,
  code: string,
  decision: { granted: boolean; reason: Reason | string; via: Via | null },
  source: DecisionSource,
  apiKeyId: string | null,
  context?: DecisionContext,
): void {
  // The same decision again before the flush (a client asking the same thing in a loop, a bulk
  // check's denials request after request) is counted on its row: every decision is kept, and a
  // flood costs a counter, not a row each (a row each would keep the database, and on PGlite this
  // very process, busy writing). Decisions with a context are kept one by one.
  const key =
    context === undefined || context === null
      ? `${tenantId}|${userId}|${code}|${decision.granted}|${decision.reason}|${source}|${apiKeyId}|${viaKey(decision.via)}`
      : null;
  if (key !== null && repeated(key)) return;
  keepRecord(key, tenantId, userId, code, decision, source, apiKeyId, context);
}

/**
 * `keepDecision` for the decisions of one check request, made without a context at a known
 * version of the tenant's state (the check routes): a repeat at the same version is the same
 * decision, counted before its reason and rule are even worked out (`decide` runs only for the
 * first). The request's own part of the key is built once, so a bulk check's 50 codes cost a
 * lookup each.
 */
export function decisionsOfRequest(
  tenantId: string,
  version: number,
  userId: string,
  source: DecisionSource,
  apiKeyId: string | null,
) {
  const prefix = `${tenantId}@${version}|${userId}|${source}|${apiKeyId}`;
  return (
    code: string,
    granted: boolean,
    decide: () => { granted: boolean; reason: Reason | string; via: Via | null },
  ): void => {
    let byCode = state.byRequest.get(prefix);
    const same = byCode?.get(code);
    if (same !== undefined && same.granted === granted) {
      same.count++;
      return;
    }
    const record = keepRecord(null, tenantId, userId, code, decide(), source, apiKeyId, undefined);
    if (record === null) return;
    if (byCode === undefined) state.byRequest.set(prefix, (byCode = new Map()));
    byCode.set(code, record);
  };
}

/** Counts a repeat of a decision the buffer holds; false when it holds none like it. */
function repeated(key: string): boolean {
  const same = state.index.get(key);
  if (same === undefined) return false;
  same.count++;
  return true;
}

function keepRecord(
  key: string | null,
  tenantId: string,
  userId: string,
  code: string,
  decision: { granted: boolean; reason: Reason | string; via: Via | null },
  source: DecisionSource,
  apiKeyId: string | null,
  context: DecisionContext | undefined | null,
): DecisionRecord | null {
  const { settings } = state;
  if (state.buffer.length >= settings.maxBuffered) {
    state.dropped++;
    return null;
  }
  const record: DecisionRecord = {
    tenantId,
    at: new Date(),
    userId,
    code,
    granted: decision.granted,
    reason: decision.reason,
    via: decision.via,
    context: context ?? null,
    source,
    apiKeyId,
    count: 1,
  };
  state.buffer.push(record);
  if (key !== null) state.index.set(key, record);
  // Large: flushed on the next turn of the event loop, outside the request that filled it.
  if (state.buffer.length >= settings.flushAt && !state.scheduled && state.writer) {
    state.scheduled = true;
    setImmediate(() => {
      state.scheduled = false;
      void flushDecisionLog();
    });
  }
  return record;
}

/**
 * Writes what the buffer holds (one flush at a time: a caller during a flush waits for it, then
 * writes what came meanwhile). A failed write drops its batch and counts it: the log never holds
 * more than its bound, whatever the database does.
 */
export async function flushDecisionLog(): Promise<void> {
  while (state.flushing) await state.flushing;
  const writer = state.writer;
  if (!writer || state.buffer.length === 0) return;
  const batch = state.buffer;
  state.buffer = [];
  state.index = new Map();
  state.byRequest = new Map();
  state.flushing = (async () => {
    try {
      await writer(batch);
      state.written += batch.length;
    } catch (error) {
      state.failedFlushes++;
      state.dropped += batch.length;
      console.error("decision log: flush failed", error);
    }
  })();
  try {
    await state.flushing;
  } finally {
    state.flushing = null;
  }
}

/** The rule that decided, as part of the key that collapses repeats (`via` is small: kind and a name or code). */
function viaKey(via: Via | null): string {
  return via === null ? "" : JSON.stringify(via);
}
