import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { median } from "./grow";

/**
 * The run's last word (Playwright's global teardown): the matrix and the role editor side by side
 * at the grown size, from the JSON each measurement wrote, with a PASS/FAIL line per target, and
 * the same written to test-results/bench-console/summary.json. A measurement that did not finish
 * wrote nothing and is named as missing. Never a failure: timings are reported, not asserted.
 */
const DIR = "test-results/bench-console";

interface Matrix {
  runs: number;
  targets: { render: number; toggle: number; preview: number };
  grow: { ms: number; changes: number };
  results: {
    world: string;
    permissions: number;
    roles: number;
    render: number[];
    toggle: number[];
    preview: number[];
  }[];
}
interface RoleEditor {
  runs: number;
  targets: { render: number; toggle: number };
  grow: { ms: number; changes: number };
  result: { permissions: number; roles: number; role: string; grants: number; render: number[]; toggle: number[] };
}

const read = <T>(name: string): T | null =>
  existsSync(`${DIR}/${name}`) ? (JSON.parse(readFileSync(`${DIR}/${name}`, "utf8")) as T) : null;

interface Row {
  page: string;
  size: string;
  render: number;
  toggle: number;
  targets: { render: number; toggle: number };
}

export default function summary() {
  const matrix = read<Matrix>("matrix.json");
  const editor = read<RoleEditor>("role-editor.json");
  const grown = matrix?.results.find((r) => r.world === "grown");
  const rows: Row[] = [];
  if (grown && matrix)
    rows.push({
      page: "permission matrix (/admin/matrix)",
      size: `${grown.permissions} × ${grown.roles}`,
      render: median(grown.render),
      toggle: median(grown.toggle),
      targets: matrix.targets,
    });
  if (editor)
    rows.push({
      page: `role editor (/admin/roles/{id}, ${editor.result.role}: ${editor.result.grants} grants)`,
      size: `${editor.result.permissions} × ${editor.result.roles}`,
      render: median(editor.result.render),
      toggle: median(editor.result.toggle),
      targets: editor.targets,
    });
  const ms = (x: number) => `${Math.round(x)} ms`;
  const pass = (x: number, target: number) => (x <= target ? "PASS" : "FAIL");
  const lines = [
    "",
    `bench:console summary — median of ${matrix?.runs ?? editor?.runs} runs, ${cpus()[0]?.model ?? "?"}, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} at the end`,
    "| page | permissions × roles | server render (≤ 1500 ms) | toggle shown (≤ 100 ms) |",
    "|---|---|---|---|",
    ...rows.map((r) => `| ${r.page} | ${r.size} | ${ms(r.render)} | ${ms(r.toggle)} |`),
    "",
    ...rows.flatMap((r) => [
      `${pass(r.render, r.targets.render)}  ${r.page.split(" (")[0]} server render: ${ms(r.render)} (target ≤ ${r.targets.render} ms)`,
      `${pass(r.toggle, r.targets.toggle)}  ${r.page.split(" (")[0]} toggle: ${ms(r.toggle)} (target ≤ ${r.targets.toggle} ms)`,
    ]),
    ...(grown && matrix
      ? [
          `${pass(median(grown.preview), matrix.targets.preview)}  permission matrix save preview: ${ms(median(grown.preview))} (target ≤ ${matrix.targets.preview} ms)`,
        ]
      : []),
    ...[matrix && (["matrix", matrix.grow] as const), editor && (["role editor", editor.grow] as const)]
      .filter((g) => !!g)
      .map(([who, g]) => `grow (${who} run): ${g.changes} changes in ${(g.ms / 1000).toFixed(1)} s`),
    ...(matrix ? [] : ["MISSING  permission matrix: matrix.measure.ts wrote no results"]),
    ...(editor ? [] : ["MISSING  role editor: role-editor.measure.ts wrote no results"]),
    "",
  ];
  console.log(lines.join("\n"));
  if (rows.length)
    writeFileSync(
      `${DIR}/summary.json`,
      JSON.stringify({ at: new Date().toISOString(), cpu: cpus()[0]?.model, loadavg: loadavg(), rows }, null, 2),
    );
}
