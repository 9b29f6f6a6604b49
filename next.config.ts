import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WASM and must be loaded by Node at run time, not bundled (TOOLCHAIN.md).
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tests included) first; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
