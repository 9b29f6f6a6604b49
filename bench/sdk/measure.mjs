/**
 * The SDK side of `npm run bench:sdk`, in a process of its own (so its memory is the SDK's and
 * the bench's own little, nothing of the servers or the parent): the package as it ships
 * (sdk/dist), against a running Gatehouse. Run by bench/sdk/run.ts with --expose-gc; prints one
 * JSON object on stdout.
 *
 * env: GATEHOUSE_URL, GATEHOUSE_API_KEY (scopes check, read, write), BENCH_USERS (a JSON file:
 * {active: ids, samples: ids}, every sample user holding exactly one role), BENCH_SAMPLES.
 */
import { readFileSync } from "node:fs";
import { setImmediate as tick } from "node:timers/promises";
import { Gatehouse } from "../../sdk/dist/index.mjs";

const url = process.env.GATEHOUSE_URL;
const apiKey = process.env.GATEHOUSE_API_KEY;
const { active, samples } = JSON.parse(readFileSync(process.env.BENCH_USERS, "utf8"));
const sampleCount = Number(process.env.BENCH_SAMPLES ?? 100);
const CODES = ["contacts.view", "sites.list.view", "sales.invoices.view", "jobs.detail.view", "dashboard.view"];
const log = (msg) => console.error(`[bench:sdk client] ${msg}`);

const heap = () => {
  globalThis.gc();
  globalThis.gc();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, external: m.external + m.arrayBuffers, rss: m.rss };
};

async function api(method, path, body) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return { version: Number(res.headers.get("x-perm-version")), body: text ? JSON.parse(text) : null };
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? null : s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const summary = (xs) => ({ n: xs.length, p50: pct(xs, 50), p99: pct(xs, 99), max: pct(xs, 100) });

const before = heap();
const gate = await Gatehouse.connect({ url, apiKey, maxUsers: Math.max(10_000, active.length) });
const connected = heap();

// 1. Memory: every active user loaded and decided once (their effective sets computed).
log(`loading ${active.length} active users`);
const loadStarted = performance.now();
await gate.load(active);
for (const id of active) for (const code of CODES) gate.checkSync(id, code);
const loadMs = performance.now() - loadStarted;
const loaded = heap();
const stats = gate.stats();

// 2. checkSync on warm users, one thread: five one-second windows, the median.
log("checkSync throughput");
const windows = [];
let sink = 0;
for (let w = 0; w < 5; w++) {
  let n = 0;
  const end = performance.now() + 1_000;
  while (performance.now() < end) {
    for (let i = 0; i < 10_000; i++) {
      if (gate.checkSync(active[(n + i) % active.length], CODES[(n + i) % CODES.length])) sink++;
    }
    n += 10_000;
  }
  windows.push(n);
  await tick();
}

// 3 and 4. Per sample user (one role): the role removed through the API, seen by the SDK without
// minPermVersion (the stream alone); then given back and removed again, checked with minPermVersion.
log(`${sampleCount} revocations`);
const seenAfterAnswer = [];
const seenAfterSend = [];
const rywMs = [];
let rywWrong = 0;
let notSeen = 0;
for (const id of samples.slice(0, sampleCount)) {
  const { body } = await api("GET", `/api/v1/sync/users/${id}`);
  // One role and nothing else, so removing it revokes what it granted.
  if (body.user.roles.length !== 1 || body.user.overrides.length > 0 || body.user.isSuperAdmin) continue;
  const role = body.user.roles[0].roleId;
  await gate.load([id]);
  const code = (await gate.effectivePermissions(id)).codes[0];
  if (!code || !gate.checkSync(id, code)) continue;
  const sent = performance.now();
  await api("DELETE", `/api/v1/users/${id}/roles/${role}`);
  const answered = performance.now();
  while (gate.checkSync(id, code)) {
    if (performance.now() - answered > 5_000) break;
    await tick();
  }
  const seen = performance.now();
  // Seen: no longer granted, and still not once the user is fetched again.
  await gate.load([id]);
  if (gate.checkSync(id, code)) notSeen++;
  else {
    seenAfterAnswer.push(Math.max(0, seen - answered));
    seenAfterSend.push(seen - sent);
  }
  // Read-your-writes: given back, then removed again, each checked at once with the write's version.
  for (const [method, path, body, expected] of [
    ["POST", `/api/v1/users/${id}/roles`, { role_id: role }, true],
    ["DELETE", `/api/v1/users/${id}/roles/${role}`, undefined, false],
    ["POST", `/api/v1/users/${id}/roles`, { role_id: role }, true],
  ]) {
    const { version } = await api(method, path, body);
    const t0 = performance.now();
    const granted = await gate.check(id, code, undefined, { minPermVersion: version });
    rywMs.push(performance.now() - t0);
    if (granted !== expected) rywWrong++;
  }
}

const end = gate.stats();
gate.close();
console.log(
  JSON.stringify({
    memory: {
      activeUsers: stats.cachedUsers,
      beforeConnect: before,
      connected,
      loaded,
      sdkHeapBytes: loaded.heapUsed + loaded.external - (before.heapUsed + before.external),
      policyHeapBytes: connected.heapUsed + connected.external - (before.heapUsed + before.external),
      loadMs,
    },
    checkSync: { perSecond: pct(windows, 50), windows, sink },
    revoke: { afterAnswer: summary(seenAfterAnswer), afterSend: summary(seenAfterSend), notSeen },
    readYourWrites: { ...summary(rywMs), wrong: rywWrong },
    stats: end,
  }),
);
process.exit(0);
