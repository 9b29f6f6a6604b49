import type { Command } from "commander";
import { vi } from "vitest";

/** What a command printed (standard output and error), line by line; emptied by each `runParsed`. */
export const captured = { out: [] as string[], err: [] as string[] };

/** Catches what commands print (call in a beforeEach: the spies are restored between tests). */
export function captureOutput() {
  vi.spyOn(console, "log").mockImplementation((...a) => void captured.out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a) => void captured.err.push(a.join(" ")));
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (captured.out.push(String(chunk)), true));
}

/** Parses `argv` as the command line would and answers the exit code the command set. */
export async function runParsed(command: Command, argv: string[]): Promise<number> {
  captured.out.length = 0;
  captured.err.length = 0;
  process.exitCode = undefined;
  await command.parseAsync(argv, { from: "user" });
  const code = process.exitCode ?? 0;
  process.exitCode = undefined;
  return code;
}
