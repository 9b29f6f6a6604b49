import { type APIRequestContext, expect } from "@playwright/test";
import { baseURL } from "./playwright.config";

/** Shared by the console measurements: the median, and growing the demo tenant to a size. */
const origin = { origin: baseURL };

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * Grows the tenant to `perms` permissions (a third depending on another) and `roles` roles with
 * ~30 % of them. Resumable: what an earlier, interrupted run made is kept and not made again.
 */
export async function grow(api: APIRequestContext, perms: number, roles: number) {
  const matrix = (await (await api.get("/api/v1/matrix")).json()) as {
    permissions: { code: string }[];
    roles: { id: string; name: string }[];
  };
  const have = new Set(matrix.permissions.map((p) => p.code));
  const benchCodes = matrix.permissions.filter((p) => p.code.startsWith("bench.")).length;
  const haveRoles = new Map(matrix.roles.map((r) => [r.name, r.id]));
  const benchRoles = matrix.roles.filter((r) => r.name.startsWith("Bench Role ")).length;
  const modules = [
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
  const categories = ["actions", "fields", "tabs", "buttons", "widgets", "navigation", "settings"];
  const risks = ["low", "low", "medium", "high", "critical"];
  const made: string[] = [];
  for (let i = 0; i < perms - matrix.permissions.length + benchCodes; i++) {
    const module = modules[i % modules.length]!;
    const code = `bench.${module}.p${String(i).padStart(4, "0")}`;
    if (have.has(code)) {
      made.push(code);
      continue;
    }
    const res = await api.post("/api/v1/permissions", {
      headers: origin,
      data: {
        code,
        name: `Bench permission ${i}`,
        module,
        category: categories[i % 7],
        risk_level: risks[i % 5],
        requires_mfa: i % 11 === 0,
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    if (i % 3 === 2) {
      const dep = await api.put(`/api/v1/permissions/${(await res.json()).id}/dependencies`, {
        headers: origin,
        data: { codes: [made[i - 1]] },
      });
      expect(dep.status()).toBe(200);
    }
    made.push(code);
  }
  let parent: string | null = null;
  for (let r = 0; r < roles - matrix.roles.length + benchRoles; r++) {
    const existing = haveRoles.get(`Bench Role ${String(r + 1).padStart(2, "0")}`);
    if (existing) {
      parent = existing;
      continue;
    }
    const permissions = made.filter((_, i) => (i * 7 + r * 13) % 10 < 3).map((code) => ({ code }));
    const res: Awaited<ReturnType<APIRequestContext["post"]>> = await api.post("/api/v1/roles", {
      headers: origin,
      data: {
        name: `Bench Role ${String(r + 1).padStart(2, "0")}`,
        permissions,
        parent_ids: r % 4 === 3 && parent ? [parent] : [],
      },
    });
    expect(res.status()).toBe(201);
    parent = ((await res.json()) as { id: string }).id;
  }
}
