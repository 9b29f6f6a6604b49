// @ts-check
// JavaScript, not TypeScript: `next start` would load the SWC compiler (24 MB resident) only to
// transpile a next.config.ts (docs/design.md §5, "Memory").

/** @type {import("next").NextConfig} */
const nextConfig = {
  // PGlite ships WASM and must be loaded by Node at run time, not bundled (docs/development.md).
  // rate-limiter-flexible loads drizzle-orm through a computed import() that a bundle cannot
  // follow; prom-client keeps process-wide state (default metrics, registries): one copy per process.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "rate-limiter-flexible", "prom-client"],
  poweredByHeader: false,
  // forbidden() from next/navigation (lib/admin/page.ts) renders app/forbidden.tsx with a 403
  // at the page's own address, instead of a redirect to /403.
  experimental: { authInterrupts: true },
  // Parallel end-to-end runs (one per port) build into folders of their own.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // `npm test` type-checks the whole project (tests included) first; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
