/**
 * The scale bench's measures, each against two instances (A takes the writes, B is "the other
 * instance"). A sampled measure stops at its sample count or its time budget, whichever comes
 * first: today one sample at 1,000,000 members can take a minute, and a run must still end.
 */
import { type CheckAnswer, check, write } from "./api";
import type { Instance } from "./servers";

export interface PoolUser {
  id: string;
  /** Names of the user's unexpired roles. */
  roles: string[];
}

export interface Bench {
  a: Instance;
  b: Instance;
  key: string;
  /** Users checked on both instances before (the "active" ones); a write measure takes its users from here. */
  active: PoolUser[];
  /** Users nobody has checked yet. */
  cold: PoolUser[];
  roleIds: Map<string, string>;
  log: (msg: string) => void;
  /** What went wrong (a failed request ends its measure, not the run). */
  failures: string[];
}

export interface Budget {
  samples: number;
  maxMs: number;
}

/** Timings in ms, and the decisions that were not what the write should have made them. */
export interface Sampled {
  ms: number[];
  wrong: number;
}

/** Codes (all low-risk, no MFA, no approval, in the enterprise plan). */
const OVERRIDE_CODE = "sites.list.export_button"; // no dependencies, granted by no role of the demo tenant
const ROLE_CODE = "contacts.export"; // needs contacts.view, which Viewer grants; granted by no other role
const ROLE = "Viewer";
const REVOKE_CODE = "contacts.view"; // granted by Member and Viewer
export const CHECK_CODES = ["contacts.view", "sites.list.view", "sales.invoices.view", "jobs.detail.view", "nope.none"];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Marks the end of a step of a sample (its time is logged when the sample is slow). */
type Step = (label: string) => void;

/** Runs `sample` until the budget is spent; a slow sample ends the measure early rather than overrun it. */
async function sampled(name: string, bench: Bench, budget: Budget, sample: (i: number, step: Step) => Promise<void>) {
  const started = performance.now();
  let last = 0;
  for (let i = 0; i < budget.samples; i++) {
    const elapsed = performance.now() - started;
    if (elapsed >= budget.maxMs || (i >= 3 && elapsed + last > budget.maxMs)) {
      bench.log(`${name}: stopped after ${i} samples (${Math.round(elapsed / 1000)} s budget spent)`);
      return;
    }
    const t0 = performance.now();
    const steps: string[] = [];
    let mark = t0;
    const step: Step = (label) => {
      steps.push(`${label} ${((performance.now() - mark) / 1000).toFixed(1)} s`);
      mark = performance.now();
    };
    try {
      await sample(i, step);
    } catch (error) {
      // An instance that died or timed out ends this measure; the samples so far still count.
      bench.failures.push(`${name}, sample ${i + 1}: ${error instanceof Error ? error.message : String(error)}`);
      bench.log(`${name}: sample ${i + 1} failed, measure stopped: ${bench.failures.at(-1)}`);
      return;
    }
    last = performance.now() - t0;
    if (last > 2_000)
      bench.log(
        `${name}: sample ${i + 1} took ${(last / 1000).toFixed(1)} s${steps.length ? ` (${steps.join(", ")})` : ""}`,
      );
  }
}

function take(bench: Bench, wanted: (u: PoolUser) => boolean): PoolUser {
  const i = bench.active.findIndex(wanted);
  if (i < 0) throw new Error("the pool of active users ran out");
  return bench.active.splice(i, 1)[0]!;
}

const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;

/** Both instances hold the tenant and the users about to be asked (untimed). */
async function settle(bench: Bench, userIds: string[], code = REVOKE_CODE) {
  for (const inst of [bench.a, bench.b]) for (const u of userIds) await check(inst.url, bench.key, u, code);
}

/**
 * A one-user write (an allow override for U) on A, then at once, together, on B: a check for
 * another active user (no min_perm_version) and one for U with the write's perm_version.
 */
export async function oneUserWrite(bench: Bench, budget: Budget) {
  const other: number[] = [];
  const self: Sampled = { ms: [], wrong: 0 };
  const writes: number[] = [];
  await sampled("one-user write", bench, budget, async (_, step) => {
    const u = take(bench, () => true);
    const o = pick(bench.active);
    await settle(bench, [u.id, o.id]);
    step("settle");
    const w = await write(bench.a.url, bench.key, "PUT", `/api/v1/users/${u.id}/permissions`, {
      permissions: [{ code: OVERRIDE_CODE, effect: "allow", notes: "bench:scale" }],
    });
    writes.push(w.ms);
    step("write");
    const v = w.body.perm_version;
    const [first, mine] = await Promise.all([
      check(bench.b.url, bench.key, o.id, pick(CHECK_CODES)),
      check(bench.b.url, bench.key, u.id, OVERRIDE_CODE, v),
    ]);
    step("checks on B");
    other.push(first.ms);
    self.ms.push(mine.ms);
    if (!fresh(mine.body, v, true)) self.wrong++;
  });
  return { other, self, writes };
}

/** Adds or removes (alternately) a code on a role on A, then the first check on A and on B together. */
export async function roleGrantChange(bench: Bench, budget: Budget, roleVersion: number) {
  const onA: Sampled = { ms: [], wrong: 0 };
  const onB: Sampled = { ms: [], wrong: 0 };
  const writes: number[] = [];
  const roleId = bench.roleIds.get(ROLE)!;
  let version = roleVersion;
  let granted = false;
  await sampled("role-grant change", bench, budget, async (_, step) => {
    const u = take(bench, (x) => x.roles.includes(ROLE) && !x.roles.includes("Admin"));
    await settle(bench, [u.id], ROLE_CODE);
    step("settle");
    const w = await write<{ perm_version: number; version: number }>(
      bench.a.url,
      bench.key,
      granted ? "DELETE" : "POST",
      `/api/v1/roles/${roleId}/permissions`,
      { version, codes: [ROLE_CODE] },
    );
    writes.push(w.ms);
    step("write");
    version = w.body.version;
    granted = !granted;
    const v = w.body.perm_version;
    const [a, b] = await Promise.all([
      check(bench.a.url, bench.key, u.id, ROLE_CODE, v),
      check(bench.b.url, bench.key, u.id, ROLE_CODE, v),
    ]);
    step("checks on A and B");
    onA.ms.push(a.ms);
    onB.ms.push(b.ms);
    if (!fresh(a.body, v, granted)) onA.wrong++;
    if (!fresh(b.body, v, granted)) onB.wrong++;
  });
  return { onA, onB, writes };
}

/**
 * A deny override for U on A; from A's answer (the change is committed), B is asked about U every
 * ~5 ms without min_perm_version until it denies. A sample that never sees it within `giveUpMs`
 * counts as that long, and as wrong.
 */
export async function revokeSeen(bench: Bench, budget: Budget, giveUpMs = 120_000) {
  const seen: Sampled = { ms: [], wrong: 0 };
  const polls: number[] = [];
  await sampled("revoke seen by the other instance", bench, budget, async (_, step) => {
    const u = take(bench, (x) => x.roles.includes("Member") || x.roles.includes("Viewer"));
    await settle(bench, [u.id]);
    if (!(await check(bench.b.url, bench.key, u.id, REVOKE_CODE)).body.granted) return;
    step("settle");
    await write(bench.a.url, bench.key, "PUT", `/api/v1/users/${u.id}/permissions`, {
      permissions: [{ code: REVOKE_CODE, effect: "deny", notes: "bench:scale" }],
    });
    step("write");
    const t0 = performance.now();
    let n = 0;
    for (;;) {
      n++;
      const r = await check(bench.b.url, bench.key, u.id, REVOKE_CODE);
      const ms = performance.now() - t0;
      if (!r.body.granted || ms > giveUpMs) {
        seen.ms.push(ms);
        if (r.body.granted) seen.wrong++;
        break;
      }
      await sleep(5);
    }
    step("seen on B");
    polls.push(n);
  });
  return { seen, polls };
}

/** Checks `users` on B, each `passes` times, `concurrency` at a time; the checks' timings. */
export async function activate(bench: Bench, users: PoolUser[], passes: number, concurrency = 8): Promise<number[]> {
  const ms: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < users.length) {
          const u = users[next++]!;
          ms.push((await check(bench.b.url, bench.key, u.id, CHECK_CODES[(next + pass) % CHECK_CODES.length]!)).ms);
        }
      }),
    );
    bench.log(`activity: pass ${pass + 1}/${passes} over ${users.length} users done`);
  }
  return ms;
}

/**
 * Users never checked before, one at a time, on a warm B; each right after a check of an active
 * user (held in B's memory: no database), so the two are measured in the same minute of this
 * machine. The warm check is what the client, the network and the HTTP shell cost alone: the cold
 * check's target reads against it.
 */
export async function coldUsers(bench: Bench, budget: Budget): Promise<{ cold: number[]; warm: number[] }> {
  const cold: number[] = [];
  const warm: number[] = [];
  await settle(bench, [pick(bench.active).id]);
  await sampled("cold users", bench, budget, async (i) => {
    const u = bench.cold.pop();
    if (!u) throw new Error("the pool of cold users ran out");
    const code = CHECK_CODES[i % CHECK_CODES.length]!;
    warm.push((await check(bench.b.url, bench.key, pick(bench.active).id, code)).ms);
    cold.push((await check(bench.b.url, bench.key, u.id, code)).ms);
  });
  return { cold, warm };
}

/** The answer is at least as fresh as the write and decides as the write should have made it. */
function fresh(answer: CheckAnswer, version: number, granted: boolean) {
  return answer.perm_version >= version && answer.granted === granted;
}
