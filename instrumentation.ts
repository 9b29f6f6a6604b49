/**
 * Runs once when the server starts, inside Next's own server runtime (so `@/`, `server-only` and
 * the process singletons work as in any route): opens the database (applying pending migrations
 * and seeding an empty one with the demo world), installs the data plane that server.mjs puts in
 * front of Next (lib/api/data-plane.ts), and prints where to go.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` may load this too: never open (and so create) the database from build workers.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { getDatabase } = await import("./db");
  const { PERSONAS, DEMO_PASSWORD } = await import("./db/seed/world");
  const { isDemoWorld } = await import("./db/queries/demo");
  const { installDataPlane } = await import("./lib/api/data-plane");
  const database = await getDatabase();
  installDataPlane();
  const url = `http://localhost:${process.env.PORT ?? 3000}`;
  const lines = [`\n  Gatehouse is ready at ${url}  (database: ${database.driver})`];
  if (await isDemoWorld(database.db)) {
    lines.push(`  Demo sign-ins (demo only), password "${DEMO_PASSWORD}":`);
    for (const p of Object.values(PERSONAS)) lines.push(`    ${p.label.padEnd(22)} ${p.email.padEnd(24)} ${p.role}`);
  }
  console.log(lines.join("\n") + "\n");
}
