/** The scale bench's command line. */
const HELP = `usage: npm run bench:scale -- [options]
  --members N       members of the grown tenant (default 1000000; 100k and 1m work)
  --samples N       samples per write measure (default 100)
  --cold-samples N  cold users' first checks (default 300)
  --max-seconds S   time budget per sampled measure (default 180)
  --active N        users made active on B before its memory is read (default 10000)
  --port P          instance A's port; B gets P+1 (default 3500)
  --keep            keep the database (and print its URL)
  --heap-snapshot   write a V8 heap snapshot of B after its memory is read (into test-results/bench-scale/)
  --no-build        never build (by default: build when the build folder is missing)
  --build           build even if a build exists
  env BENCH_PG_URL  the PostgreSQL server (default postgres://postgres@127.0.0.1:5432)`;

export function parseArgs(argv: string[]) {
  const flags = new Set(argv.filter((a) => a.startsWith("--")));
  const value = (name: string, fallback: number) => {
    const i = argv.indexOf(name);
    if (i < 0) return fallback;
    const raw = (argv[i + 1] ?? "").toLowerCase().replaceAll("_", "").replaceAll(",", "");
    const n = Number.parseFloat(raw) * (raw.endsWith("m") ? 1e6 : raw.endsWith("k") ? 1e3 : 1);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} wants a positive number, not "${argv[i + 1]}"`);
    return Math.round(n);
  };
  if (flags.has("--help")) {
    console.log(HELP);
    process.exit(0);
  }
  const unknown = [...flags].filter((f) => !HELP.includes(`${f} `));
  if (unknown.length) throw new Error(`unknown option ${unknown.join(", ")}\n${HELP}`);
  return {
    members: value("--members", 1_000_000),
    samples: value("--samples", 100),
    coldSamples: value("--cold-samples", 300),
    maxMs: value("--max-seconds", 180) * 1000,
    active: value("--active", 10_000),
    port: value("--port", 3500),
    keep: flags.has("--keep"),
    heapSnapshot: flags.has("--heap-snapshot"),
    build: flags.has("--build") ? "always" : flags.has("--no-build") ? "never" : "if-missing",
  };
}
