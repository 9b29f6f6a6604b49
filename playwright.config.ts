import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;
/**
 * A second server on the same database (PostgreSQL only: e2e/support/serve.ts starts it on
 * port+1); with PGlite, one process holds the database, so it is the same instance as baseURL.
 */
export const secondURL = process.env.DATABASE_URL ? `http://127.0.0.1:${port + 1}` : baseURL;

export default defineConfig({
  testDir: "./e2e",
  outputDir: `./test-results/${port}`,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
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
    // One build serves both drivers; the serve script gives the server a fresh database first.
    command: `tsx scripts/build-if-stale.ts && tsx e2e/support/serve.ts ${port}`,
    // The second instance starts once the first is healthy: waiting for it waits for both.
    url: `${secondURL}/api/health`,
    // Building takes minutes on a busy machine: E2E_SERVER_TIMEOUT_MS may allow longer.
    timeout: Number(process.env.E2E_SERVER_TIMEOUT_MS ?? 600_000),
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
