/**
 * `tsx scripts/build-if-stale.ts`: `npm run build`, unless the build folder is newer than every
 * source file it is made from. The end-to-end suite and the benches start their servers through
 * it, so `.ci/run`, which runs `npm test` once per driver on one checkout, builds once: the build
 * does not depend on the database (instrumentation.ts does nothing while Next builds).
 */
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

// What a build does not read: tests, docs, the benches, the e2e suite, these scripts.
const NOT_BUILT = /^(e2e|bench|docs|scripts|\.ci)\/|\.test\.tsx?$|\.md$/;

/** Why the build must be (re)made, or null when the build (`NEXT_DIST_DIR`, else .next) is newer than every source file. */
export function buildStaleness(): string | null {
  const buildId = path.join(process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID");
  if (!existsSync(buildId)) return `${buildId} is missing`;
  const builtAt = statSync(buildId).mtimeMs;
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { encoding: "utf8" })
    .split("\n")
    .filter((f) => f !== "" && !NOT_BUILT.test(f));
  for (const file of files) {
    // A file git knows but the disk does not (deleted, not committed yet) changed the sources too.
    if (!existsSync(file) || statSync(file).mtimeMs > builtAt) return `${file} is newer than the build`;
  }
  return null;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const stale = buildStaleness();
  if (stale) {
    console.log(`build: ${stale}: npm run build`);
    execFileSync("npm", ["run", "build"], { stdio: "inherit" });
  } else console.log("build: up to date with the sources, not built again");
}
