/**
 * Builds @gatehouse/node: one bundle per module system (the engine from ../lib/permissions and
 * sift, which it uses for conditions, are bundled in: no runtime dependency), and the type
 * declarations from the same sources. `npm run build` here, or `npm run sdk:build` at the root.
 */
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { build } from "esbuild";

const here = path.dirname(new URL(import.meta.url).pathname);
const dist = path.join(here, "dist");
rmSync(dist, { recursive: true, force: true });

const common = {
  entryPoints: [path.join(here, "src/index.ts")],
  bundle: true,
  platform: "node",
  target: "node20",
  sourcemap: true,
  legalComments: "inline",
  logLevel: "warning",
};
await build({ ...common, format: "esm", outfile: path.join(dist, "index.mjs") });
await build({ ...common, format: "cjs", outfile: path.join(dist, "index.cjs") });

const require = createRequire(import.meta.url);
const tsc = require.resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", path.join(here, "tsconfig.build.json")], { stdio: "inherit" });
const types = 'export * from "./types/sdk/src/index.js";\n';
writeFileSync(path.join(dist, "index.d.ts"), types);
writeFileSync(path.join(dist, "index.d.cts"), types);
console.log(`@gatehouse/node built in ${path.relative(process.cwd(), dist) || "."}`);
