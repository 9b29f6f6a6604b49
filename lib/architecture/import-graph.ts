import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * The project's import graph, read with TypeScript's own pre-processor (every static import and
 * export-from, type-only ones included, and dynamic `import("…")`), resolved through the `@/` alias.
 * Only the project's files are nodes: packages are left out.
 */
export interface ImportGraph {
  root: string;
  /** file (relative to root, with `/`) → files it imports */
  edges: Map<string, Set<string>>;
  /** file → the packages it imports (`next/headers`, `zod`, …) */
  packages: Map<string, Set<string>>;
}

const SOURCE = /\.(ts|tsx)$/;
const SKIP_DIRS = new Set(["node_modules", ".next", ".git", ".data", "test-results", "playwright-report", "coverage"]);

function sourceFiles(root: string, dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    if (SKIP_DIRS.has(name) || name.startsWith(".next")) return [];
    const rel = dir ? `${dir}/${name}` : name;
    if (statSync(path.join(root, rel)).isDirectory()) return sourceFiles(root, rel);
    return SOURCE.test(name) && !name.endsWith(".d.ts") ? [rel] : [];
  });
}

function resolve(root: string, from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith(".")) base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    const full = path.join(root, candidate);
    if (existsSync(full) && statSync(full).isFile() && SOURCE.test(candidate)) return candidate;
  }
  return null;
}

export function importGraph(root: string, dirs: string[]): ImportGraph {
  const edges = new Map<string, Set<string>>();
  const packages = new Map<string, Set<string>>();
  for (const dir of dirs) {
    for (const file of sourceFiles(root, dir)) {
      const info = ts.preProcessFile(readFileSync(path.join(root, file), "utf8"), true, true);
      const targets = new Set<string>();
      const external = new Set<string>();
      for (const ref of info.importedFiles) {
        const target = resolve(root, file, ref.fileName);
        if (target) targets.add(target);
        else if (!ref.fileName.startsWith(".") && !ref.fileName.startsWith("@/")) external.add(ref.fileName);
      }
      edges.set(file, targets);
      packages.set(file, external);
    }
  }
  return { root, edges, packages };
}

/** Strongly connected components of more than one file (or a file importing itself): the cycles. */
export function cycles(graph: ImportGraph): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.edges.get(v) ?? []) {
      if (!graph.edges.has(w)) continue;
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.edges.get(v)?.has(v)) out.push(component.sort());
    }
  };
  for (const v of graph.edges.keys()) if (!indices.has(v)) visit(v);
  return out;
}
