import path from "node:path";
import { describe, expect, it } from "vitest";
import { cycles, type ImportGraph, importGraph } from "./import-graph";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DIRS = ["app", "components", "lib", "db", "e2e", "bench", "sdk"];

/**
 * The layers, one way (docs/architecture.md): app → lib/api → lib/services → lib/auth →
 * lib/permissions → db. Each rule: files under `from` must not import what `forbidden` names
 * (project folders, or packages such as `next/*`). The engine's vocabulary (its types and
 * Gatehouse's own codes) is a leaf every layer may name.
 */
const LEAVES = [
  "lib/permissions/types.ts",
  "lib/permissions/gatehouse-codes.ts",
  "lib/errors.ts",
  "lib/singleton.ts",
  "lib/auth/principal.ts",
];
const RULES: { from: string; except?: string[]; forbidden: string[]; why: string }[] = [
  {
    from: "lib/services/",
    forbidden: ["app/", "components/", "lib/api/", "next", "next/", "next-auth"],
    why: "services return data; only the route wrapper speaks HTTP",
  },
  {
    from: "lib/auth/",
    forbidden: ["app/", "components/", "lib/api/", "lib/services/"],
    why: "the gate sits below the services that call it",
  },
  {
    from: "lib/permissions/",
    forbidden: ["app/", "components/", "lib/api/", "lib/services/", "lib/auth/", "next", "next/"],
    why: "the engine is pure: no framework, no callers",
  },
  {
    from: "db/",
    except: ["db/seed/", "db/cli/", "db/testing/"],
    forbidden: ["app/", "components/", "lib/"],
    why: "queries take a database and return rows",
  },
  { from: "lib/", forbidden: ["app/", "components/"], why: "the application does not know its pages" },
  {
    from: "components/",
    forbidden: ["db/", "lib/services/", "lib/auth/", "lib/api/"],
    why: "the UI reaches data through the API (lib/query)",
  },
];

/**
 * Tests, and the helpers in `testing/` folders that only tests import: they may reach across
 * layers to prove them (they are in the cycle check all the same), and they run under Vitest,
 * never in a bundle.
 */
const forTests = (file: string) => file.endsWith(".test.ts") || file.endsWith(".spec.ts") || file.includes("/testing/");

function violations(graph: ImportGraph): string[] {
  const out: string[] = [];
  for (const [file, targets] of graph.edges) {
    if (forTests(file)) continue;
    // The benches and the e2e support are tooling too; the application is the rest.
    if (!file.startsWith("e2e/") && !file.startsWith("bench/"))
      for (const target of targets)
        if (target.includes("/testing/"))
          out.push(`${file} imports ${target} (test support stays out of the application)`);
    for (const rule of RULES) {
      if (!file.startsWith(rule.from) || rule.except?.some((e) => file.startsWith(e))) continue;
      const imported = [...targets].filter((t) => !LEAVES.includes(t));
      const packages = [...(graph.packages.get(file) ?? [])];
      for (const target of [...imported, ...packages]) {
        const hit = rule.forbidden.find((f) => (f.endsWith("/") ? target.startsWith(f) : target === f));
        if (hit) out.push(`${file} imports ${target} (${rule.why})`);
      }
    }
  }
  return out;
}

describe("the import graph", () => {
  const graph = importGraph(ROOT, DIRS);

  it("reads the whole project", () => {
    expect(graph.edges.size).toBeGreaterThan(300);
    expect(graph.edges.get("lib/api/route.ts")).toContain("lib/auth/authorize.ts");
  });

  it("has no cycle anywhere", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("keeps the layers one way", () => {
    expect(violations(graph)).toEqual([]);
  });

  it("would notice a cycle or a layer broken (the checks can fail)", () => {
    const edges = new Map([...graph.edges].map(([file, targets]) => [file, new Set(targets)]));
    edges.get("lib/permissions/engine.ts")!.add("lib/services/check.ts");
    const broken: ImportGraph = { ...graph, edges };
    expect(cycles(broken).length).toBeGreaterThan(0);
    expect(violations(broken)).toContain(
      "lib/permissions/engine.ts imports lib/services/check.ts (the engine is pure: no framework, no callers)",
    );
    const packages = new Map(graph.packages);
    packages.set("lib/services/roles.ts", new Set(["next/headers"]));
    expect(violations({ ...graph, packages })).toContain(
      "lib/services/roles.ts imports next/headers (services return data; only the route wrapper speaks HTTP)",
    );
  });
});

/**
 * The client SDK (sdk/) ships the engine inside other people's processes: what it bundles is its
 * own code and lib/permissions (the pure engine, one source with the server), and of packages
 * only Node's own and the engine's.
 */
function sdkViolations(graph: ImportGraph): string[] {
  const bundled = new Set<string>();
  const queue = [...graph.edges.keys()].filter((f) => f.startsWith("sdk/src/") && !forTests(f));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (bundled.has(file)) continue;
    bundled.add(file);
    queue.push(...(graph.edges.get(file) ?? []));
  }
  const out: string[] = [];
  for (const file of bundled) {
    if (!file.startsWith("sdk/src/") && !file.startsWith("lib/permissions/"))
      out.push(`the SDK bundles ${file} (only sdk/src and lib/permissions)`);
    for (const name of graph.packages.get(file) ?? [])
      if (!name.startsWith("node:") && name !== "sift") out.push(`the SDK bundles the package ${name} (from ${file})`);
  }
  return out;
}

describe("the client SDK", () => {
  const graph = importGraph(ROOT, ["sdk", "lib"]);

  it("bundles only its own code and the pure engine", () => {
    expect(graph.edges.get("sdk/src/client.ts")).toContain("lib/permissions/decision-state.ts");
    expect(sdkViolations(graph)).toEqual([]);
  });

  it("would notice anything else (the check can fail)", () => {
    const edges = new Map([...graph.edges].map(([file, targets]) => [file, new Set(targets)]));
    edges.get("sdk/src/client.ts")!.add("lib/permissions/server.ts");
    const broken = sdkViolations({ ...graph, edges });
    expect(broken).toContain("the SDK bundles the package server-only (from lib/permissions/server.ts)");
    expect(broken).toContain("the SDK bundles db/index.ts (only sdk/src and lib/permissions)");
  });
});

/** What touches the database or a secret: the database module, its queries and schema, and the secret itself. */
const SENSITIVE = (target: string) =>
  target === "db/index.ts" ||
  target === "db/client.ts" ||
  target.startsWith("db/queries/") ||
  target.startsWith("db/schema/") ||
  target === "lib/auth/secret.ts";

describe("server-only", () => {
  const graph = importGraph(ROOT, ["lib", "app", "components"]);

  it("guards every application module that touches the database or a secret", () => {
    const unguarded = [...graph.edges]
      .filter(([file]) => !forTests(file) && !file.startsWith("lib/architecture/"))
      .filter(([file, targets]) => [...targets].some(SENSITIVE) && !graph.packages.get(file)?.has("server-only"))
      .map(([file]) => file)
      // Route handlers and pages are server modules by construction (Next never bundles them for a browser).
      .filter((file) => !/^app\/.*\/(route|page|layout)\.tsx?$/.test(file) && !/^app\/[^/]+\.tsx?$/.test(file));
    expect(unguarded).toEqual([]);
  });
});
