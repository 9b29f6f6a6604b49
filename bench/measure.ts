/** Timing, memory and table helpers for the bench. */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** `global.gc`, exposing it at run time when node was not started with --expose-gc. */
export function gcFunction(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

const gc = gcFunction();

/** Heap plus array buffers (typed-array storage lives outside the JS heap), after full GCs. */
export function settledMemory(): number {
  for (let i = 0; i < 3; i++) gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** Runs `pass` (one pass over a workload of `size` operations) until `minMs` elapsed; ops/s. */
export function throughput(size: number, pass: () => number, minMs: number): { opsPerSec: number; sink: number } {
  let sink = pass(); // warm-up
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    sink += pass();
    ops += size;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  return { opsPerSec: (ops / elapsed) * 1000, sink };
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

export function fmt(n: number, digits = 3): string {
  return Number.isFinite(n) ? n.toFixed(digits) : String(n);
}

export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...rows.map(line)].join("\n");
}
