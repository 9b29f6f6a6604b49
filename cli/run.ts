import path from "node:path";
import { refusalOf } from "./backend";

/** Paths the user typed are theirs, not the repository root the launcher runs us from. */
export const userPath = (file: string) => path.resolve(process.env.GATEHOUSE_CLI_CWD ?? process.cwd(), file);

/**
 * Runs one command: its exit code, or — a refusal — what the API would say (exit 1), or a usage
 * error, why (exit 2). `--json` prints a refusal as problem+json on standard error.
 */
export async function runCommand(o: { json?: boolean }, fn: () => Promise<number | undefined>): Promise<void> {
  let code = 0;
  try {
    code = (await fn()) ?? 0;
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) {
      console.error(process.env.GATEHOUSE_DEBUG ? error : error instanceof Error ? error.message : error);
      code = 2;
    } else {
      if (o.json) console.error(JSON.stringify({ status: refusal.status, ...refusal.problem }, null, 2));
      else {
        console.error(`Refused (${refusal.status}): ${refusal.problem.detail ?? refusal.problem.title}`);
        for (const e of refusal.problem.errors ?? []) console.error(`  ${e.path}: ${e.message}`);
      }
      code = 1;
    }
  }
  process.exitCode = code;
}

/**
 * A progress line on standard error while long work runs — only on a terminal, and never with
 * `--json` (scripts read standard output; a pipe gets no control characters).
 */
export function progress(label: string, quiet = false) {
  const on = !quiet && process.stderr.isTTY === true;
  let n = 0;
  let last = 0;
  const draw = (end = false) => {
    if (!on) return;
    process.stderr.write(`\r${label}: ${n.toLocaleString("en")}${end ? "\n" : ""}`);
  };
  return {
    add(k: number) {
      n += k;
      const now = Date.now();
      if (now - last > 100) {
        last = now;
        draw();
      }
    },
    done() {
      draw(true);
      return n;
    },
  };
}
