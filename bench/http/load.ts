/**
 * What the HTTP bench sends and what it measures: a target (one request, repeated), and its runs.
 * Each target's load runs in a child process (load-child.ts), so autocannon has an event loop to
 * itself; it still shares the machine's cores with the server under test, as every target does.
 */
import { fork } from "node:child_process";
import { groupCpuSeconds } from "./cpu";

export interface Target {
  id: string;
  /** Row label in the table. */
  label: string;
  url: string;
  method: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Every answer must contain `needle` exactly `times` times (a 200 with the wrong answer fails too). */
  expect: { needle: string; times: number };
}

export interface LoadJob {
  target: Target;
  /** The process group of the server under test: its CPU time is read around the measured run. */
  serverGroup?: number;
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

export interface LoadRun {
  seconds: number;
  responses: number;
  reqPerSec: number;
  /** Milliseconds, over every response of the run. */
  p50: number;
  p99: number;
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  /** Answers whose body was not the expected one. */
  mismatches: number;
  statusCodes: Record<string, number>;
  /** The server's CPU time during the run, in seconds (every process of its group); null: not read. */
  serverCpuSeconds?: number | null;
}

export interface LoadResult {
  warmup: LoadRun;
  measured: LoadRun;
}

/** Whatever makes a run meaningless: a benchmark of 401s or 429s measures nothing. */
export function problems(run: LoadRun): string[] {
  const found: string[] = [];
  const other = Object.entries(run.statusCodes).filter(([status]) => !status.startsWith("2"));
  if (run.non2xx > 0) found.push(`${run.non2xx} non-2xx (${other.map(([s, n]) => `${n}× ${s}`).join(", ")})`);
  if (run.errors > 0) found.push(`${run.errors} errors (${run.timeouts} timeouts)`);
  if (run.mismatches > 0) found.push(`${run.mismatches} unexpected bodies`);
  if (run.responses === 0) found.push("no response at all");
  return found;
}

type ChildMessage =
  | { measuring: true }
  | { ok: true; warmup: LoadRun; measured: LoadRun }
  | { ok: false; error: string };

export function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // fork() passes on this process's execArgv: tsx's loader, so the child's TypeScript runs too.
    const child = fork(new URL("./load-child.ts", import.meta.url), { stdio: "inherit" });
    let answered = false;
    const cpu = () => (job.serverGroup === undefined ? null : groupCpuSeconds(job.serverGroup));
    let cpuAtStart: number | null = null;
    child.on("message", (message: ChildMessage) => {
      // The measured run starts: the server's CPU clock is read now and when its result comes.
      if ("measuring" in message) {
        cpuAtStart = cpu();
        return;
      }
      answered = true;
      if (!message.ok) {
        reject(new Error(`load on ${job.target.label}: ${message.error}`));
        return;
      }
      const cpuAtEnd = cpu();
      const serverCpuSeconds = cpuAtStart === null || cpuAtEnd === null ? null : cpuAtEnd - cpuAtStart;
      resolve({ warmup: message.warmup, measured: { ...message.measured, serverCpuSeconds } });
    });
    child.once("exit", (code, signal) => {
      if (!answered) reject(new Error(`the load process for ${job.target.label} died (${signal ?? code})`));
    });
    child.send(job);
  });
}
