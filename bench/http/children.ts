/**
 * The servers the HTTP bench starts, and the promise that they stop: each runs in a process group
 * of its own (`npm start` is npm → sh → next-server; killing npm alone would orphan the server),
 * and the whole group is signalled on the way out — at the end, on an error, on Ctrl-C.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

export interface Child {
  name: string;
  process: ChildProcess;
  /** Where its stdout and stderr go (read back when it fails). */
  log: string;
  /** Resolves with the exit code (or signal) once the process has gone. */
  exited: Promise<string>;
}

const running = new Set<Child>();

/** Starts `command` in a new process group, its output written to `log`. */
export function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, log: string): Child {
  mkdirSync(path.dirname(log), { recursive: true });
  const fd = openSync(log, "w");
  const child = spawn(command, args, { env, detached: true, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  const exited = new Promise<string>((resolve) =>
    child.once("exit", (code, signal) => resolve(signal ?? `exit code ${code}`)),
  );
  const started: Child = { name, process: child, log, exited };
  running.add(started);
  return started;
}

/** Whether any process of the child's group is left (its leader, npm, may be gone before the server). */
function groupAlive(child: Child): boolean {
  try {
    process.kill(-child.process.pid!, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(child: Child, signal: NodeJS.Signals) {
  try {
    process.kill(-child.process.pid!, signal);
  } catch {
    // the group is gone already
  }
}

/** SIGTERM to the whole group; SIGKILL to what is left of it after `graceMs`. */
export async function stop(child: Child, graceMs = 5_000): Promise<void> {
  if (child.process.pid !== undefined && groupAlive(child)) {
    signalGroup(child, "SIGTERM");
    const deadline = Date.now() + graceMs;
    while (groupAlive(child) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    if (groupAlive(child)) signalGroup(child, "SIGKILL");
  }
  running.delete(child);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((c) => stop(c)));
}

let stopping = false;
/** Whether a signal has asked everything to stop (a load cut short by it is no error to report). */
export const stopRequested = () => stopping;

/** Stops every child on Ctrl-C, SIGTERM or SIGHUP, and kills what is left if the process exits anyway. */
export function stopChildrenOnExit(log: (msg: string) => void) {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      log(`${signal}: stopping ${[...running].map((c) => c.name).join(", ") || "nothing"}`);
      void stopAll().finally(() => process.exit(130));
    });
  // Last resort (an uncaught error, a process.exit elsewhere): only synchronous calls work here.
  process.on("exit", () => {
    for (const c of running) if (c.process.pid !== undefined) signalGroup(c, "SIGKILL");
  });
}

/** The last lines of a child's log, for the error that says why it failed. */
export function tail(child: Child, lines = 30): string {
  try {
    return readFileSync(child.log, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** Polls `url` until it answers 2xx; fails if the child exits first or `timeoutMs` passes. */
export async function waitUntilUp(child: Child, url: string, timeoutMs: number): Promise<void> {
  let gone: string | null = null;
  void child.exited.then((why) => (gone = why));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone !== null) throw new Error(`${child.name} exited (${gone}) before ${url} answered:\n${tail(child)}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${child.name}: ${url} did not answer within ${timeoutMs / 1000} s:\n${tail(child)}`);
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    // No host: all interfaces, as `next start` listens.
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/**
 * `count` ports free now in [from, to], starting at a random offset so that two benches started
 * at once (other worktrees use the same range) are unlikely to pick the same ones.
 */
export async function freePorts(count: number, from = 3400, to = 3499): Promise<number[]> {
  const size = to - from + 1;
  const offset = Math.floor(Math.random() * size);
  const found: number[] = [];
  for (let i = 0; i < size && found.length < count; i++) {
    const port = from + ((offset + i) % size);
    if (await isFree(port)) found.push(port);
  }
  if (found.length < count) throw new Error(`fewer than ${count} free ports in ${from}–${to}`);
  return found;
}
