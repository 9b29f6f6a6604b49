/**
 * The scale bench's server instances: each is `npm start` (whatever that starts: `next start`
 * today, a custom server tomorrow) with its own PORT on the shared DATABASE_URL, in a process
 * group of its own so that stopping it stops npm, the shell and the server alike.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, readdirSync, readFileSync, readlinkSync } from "node:fs";

export interface Instance {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  log: string;
  /** Spawn → first healthy answer, ms. */
  startupMs: number;
}

const running = new Set<ChildProcess>();

export async function startInstance(
  name: string,
  port: number,
  env: Record<string, string>,
  log: string,
  timeoutMs = 600_000,
): Promise<Instance> {
  const out = createWriteStream(log);
  const started = performance.now();
  const child = spawn("npm", ["start"], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  running.add(child);
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  let exited: number | null = null;
  child.on("exit", (code) => {
    exited = code ?? -1;
    running.delete(child);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`instance ${name} exited with ${exited} before it was healthy (see ${log})`);
    try {
      if ((await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) })).ok)
        return { name, port, url, child, log, startupMs: performance.now() - started };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`instance ${name} was not healthy within ${timeoutMs / 1000} s (see ${log})`);
}

/** Stops every instance this process started (their whole process groups); idempotent. */
export function stopAll(signal: NodeJS.Signals = "SIGTERM") {
  for (const child of running) {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  }
}

export async function stopAllAndWait(timeoutMs = 10_000) {
  const children = [...running];
  stopAll("SIGTERM");
  const gone = Promise.all(
    children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r)))),
  );
  const timer = new Promise((r) => setTimeout(r, timeoutMs));
  await Promise.race([gone, timer]);
  stopAll("SIGKILL");
}

/**
 * The pid of the process that listens on the instance's port (npm and the shell only wait for
 * it): the owner of the listening socket among the instance's descendants.
 */
export function serverPid(instance: Instance): number {
  const inodes = listeningInodes(instance.port);
  const candidates = [instance.child.pid!, ...descendants(instance.child.pid!)];
  for (const pid of candidates) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const target = safeReadlink(`/proc/${pid}/fd/${fd}`);
        const m = target && /^socket:\[(\d+)\]$/.exec(target);
        if (m && inodes.has(m[1]!)) return pid;
      }
    } catch {
      // the process ended meanwhile
    }
  }
  throw new Error(`no process of instance ${instance.name} listens on port ${instance.port}`);
}

/** Resident memory of a process (VmRSS) and its peak (VmHWM), bytes; NaN once it has ended. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  let status = "";
  try {
    status = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    // the process is gone: NaN says so in the table
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb("VmRSS"), peak: kb("VmHWM") };
}

function listeningInodes(port: number): Set<string> {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is ADDR:PORT; state 0A is LISTEN; column 9 is the inode.
      if (cols[1]?.endsWith(`:${hex}`) && cols[3] === "0A" && cols[9]) inodes.add(cols[9]);
    }
  }
  return inodes;
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid …; comm may hold spaces and parentheses: read after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    for (const c of children.get(stack.pop()!) ?? []) {
      out.push(c);
      stack.push(c);
    }
  }
  return out;
}

function safeReadlink(path: string): string | null {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}
