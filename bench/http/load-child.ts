/**
 * One target's load, in a process of its own (forked by load.ts): a warm-up run, then the
 * measured run, with autocannon's programmatic API. Latencies are taken from every response
 * (autocannon's own histogram counts whole milliseconds); the answer goes back over IPC.
 */
import autocannon from "autocannon";
import type { LoadJob, LoadRun } from "./load";

function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function run({ target, connections }: LoadJob, seconds: number): Promise<LoadRun> {
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const { needle, times } = target.expect;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        method: target.method,
        headers: target.headers,
        body: target.body,
        connections,
        duration: seconds,
        // A 200 that carries the wrong answer is a failure too: counted as a mismatch.
        verifyBody: (body) => occurrences(typeof body === "string" ? body : String(body), needle) === times,
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      if (count === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[count++] = responseTime;
    });
  });
  const sorted = latencies.slice(0, count).sort();
  return {
    seconds: result.duration,
    responses: count,
    reqPerSec: count / result.duration,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([status, s]) => [status, s.count ?? 0]),
    ),
  };
}

// The bench is gone (stopped by a signal sent to it alone): no one to report to.
process.once("disconnect", () => process.exit(0));
process.once("message", async (job: LoadJob) => {
  try {
    const warmup = await run(job, job.warmupSeconds);
    process.send!({ measuring: true });
    const measured = await run(job, job.seconds);
    process.send!({ ok: true, warmup, measured }, () => process.exit(0));
  } catch (error) {
    process.send!({ ok: false, error: String(error) }, () => process.exit(1));
  }
});
