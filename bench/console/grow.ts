import { type APIRequestContext, expect } from "@playwright/test";
import { baseURL } from "./playwright.config";

/**
 * Shared by the console measurements: the size to grow to, the median, the targets' verdicts, and
 * growing the demo tenant through the policy document (docs/policy-as-code.md).
 */

/** The grown world: BENCH_PERMS permissions (the catalog's included) × BENCH_ROLES roles; 1,000 × 20 by default. */
export const SIZE = {
  permissions: Number(process.env.BENCH_PERMS ?? 1000),
  roles: Number(process.env.BENCH_ROLES ?? 20),
};
export const RUNS = Number(process.env.BENCH_RUNS ?? 5);

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** One line per target: `PASS`/`FAIL` against the target. Printed, never asserted (timings move with the machine). */
export const verdict = (label: string, ms: number[], target: number) =>
  `${median(ms) <= target ? "PASS" : "FAIL"}  ${label}: ${Math.round(median(ms))} ms (target ≤ ${target} ms; runs ${ms.map(Math.round).join(", ")})`;

const MODULES = [
  "sites",
  "jobs",
  "inventory",
  "sales",
  "finance",
  "reports",
  "settings",
  "master_data",
  "purchasing",
  "manufacturing",
];
const CATEGORIES = ["actions", "fields", "tabs", "buttons", "widgets", "navigation", "settings"] as const;
const RISKS = ["low", "low", "medium", "high", "critical"] as const;
const BENCH_ROLE = /^Bench Role \d+$/;

interface PolicyDoc {
  gatehouse_policy: 1;
  permissions: { code: string; [field: string]: unknown }[];
  roles: { name: string; parents: string[]; grants: { code: string }[]; [field: string]: unknown }[];
  templates: unknown[];
}

export interface Growth {
  /** Changes the document made (0 when the tenant already had this size). */
  changes: number;
  ms: number;
  permissions: number;
  roles: number;
}

/**
 * Grows the tenant to `perms` permissions (custom `bench.*` ones on top of what it has, a third
 * depending on the one before) and `roles` roles (`Bench Role NN`, each granting ~30 % of them,
 * every fourth inheriting from the one before) with ONE write: the tenant's policy document, as
 * exported, with the bench permissions and roles put in, sent back to `PUT /api/v1/policy`. That
 * is the same sequence of checked writes the single routes make (every rule, one transaction, one
 * audit entry), without a request per permission. Idempotent: the document says what the tenant
 * must be, so a second run (or one after an interrupted run, whose transaction left nothing)
 * changes nothing, and a smaller size removes the bench permissions and roles beyond it.
 */
export async function grow(api: APIRequestContext, perms = SIZE.permissions, roles = SIZE.roles): Promise<Growth> {
  const t0 = Date.now();
  const exported = await api.get("/api/v1/policy", { headers: { accept: "application/json" } });
  expect(exported.status(), await exported.text()).toBe(200);
  const doc = (await exported.json()) as PolicyDoc;
  const matrix = (await (await api.get("/api/v1/matrix")).json()) as {
    permissions: { code: string }[];
    roles: { name: string }[];
  };
  // What the tenant shows besides the bench's own: the global catalog and its other custom permissions.
  const otherPerms = matrix.permissions.filter((p) => !p.code.startsWith("bench.")).length;
  const otherRoles = matrix.roles.filter((r) => !BENCH_ROLE.test(r.name)).length;

  const codes: string[] = [];
  const benchPerms = Array.from({ length: Math.max(0, perms - otherPerms) }, (_, i) => {
    const module = MODULES[i % MODULES.length]!;
    const code = `bench.${module}.p${String(i).padStart(4, "0")}`;
    codes.push(code);
    return {
      code,
      name: `Bench permission ${i}`,
      module,
      category: CATEGORIES[i % CATEGORIES.length],
      risk_level: RISKS[i % RISKS.length],
      requires_mfa: i % 11 === 0,
      depends_on: i % 3 === 2 ? [codes[i - 1]!] : [],
    };
  });
  const benchRoles = Array.from({ length: Math.max(0, roles - otherRoles) }, (_, r) => ({
    name: `Bench Role ${String(r + 1).padStart(2, "0")}`,
    parents: r % 4 === 3 ? [`Bench Role ${String(r).padStart(2, "0")}`] : [],
    grants: codes.filter((_, i) => (i * 7 + r * 13) % 10 < 3).map((code) => ({ code })),
  }));
  doc.permissions = [...doc.permissions.filter((p) => !p.code.startsWith("bench.")), ...benchPerms];
  doc.roles = [...doc.roles.filter((r) => !BENCH_ROLE.test(r.name)), ...benchRoles];

  const applied = await api.put("/api/v1/policy", { data: doc, headers: { origin: baseURL }, timeout: 300_000 });
  expect(applied.status(), await applied.text()).toBe(200);
  const { changes } = (await applied.json()) as { changes: unknown[] };
  const after = (await (await api.get("/api/v1/matrix")).json()) as { permissions: unknown[]; roles: unknown[] };
  const growth = {
    changes: changes.length,
    ms: Date.now() - t0,
    permissions: after.permissions.length,
    roles: after.roles.length,
  };
  console.log(
    `grow: ${growth.permissions} permissions × ${growth.roles} roles, ${growth.changes} changes in one PUT /api/v1/policy, ${(growth.ms / 1000).toFixed(1)} s`,
  );
  return growth;
}
