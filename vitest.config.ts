import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // `server-only` guards Next bundles; under Vitest the same modules run in plain Node.
      { find: /^server-only$/, replacement: `${root}/db/testing/empty.ts` },
    ],
  },
  test: {
    include: [
      "lib/**/*.test.ts",
      "db/**/*.test.ts",
      "app/**/*.test.ts",
      "components/**/*.test.ts",
      "bench/**/*.test.ts",
      "cli/**/*.test.ts",
      "sdk/src/**/*.test.ts",
    ],
    globalSetup: ["./db/testing/global-setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
