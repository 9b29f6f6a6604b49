import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";

/**
 * Console measurements (not part of `npm test`): `npm run bench:console`. Builds the app and starts
 * it on a fresh demo world, like the end-to-end tests, on a port and build folder of its own
 * (BENCH_PORT, default 3190; NEXT_DIST_DIR, default `.next-<port>`). BENCH_REUSE_SERVER=1 measures
 * a server already running on that port instead. BENCH_PERMS and BENCH_ROLES set the grown size
 * (1,000 × 20), BENCH_RUNS the runs per median (5).
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const port = Number(process.env.BENCH_PORT ?? 3190);
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: ".",
  testMatch: /.*\.measure\.ts$/,
  outputDir: `${root}/test-results/bench-console`,
  // The matrix and the role editor side by side, with PASS/FAIL per target (summary.ts).
  globalTeardown: "./summary.ts",
  timeout: 900_000,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: `tsx scripts/build-if-stale.ts && tsx e2e/support/serve.ts ${port}`,
    cwd: root,
    url: `${baseURL}/api/health`,
    timeout: 900_000,
    reuseExistingServer: process.env.BENCH_REUSE_SERVER === "1",
    stdout: "pipe",
    stderr: "pipe",
    env: {
      ...(process.env as Record<string, string>),
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? `.next-${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
