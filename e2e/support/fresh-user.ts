import { type APIRequestContext, expect } from "@playwright/test";

export const tag = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 6);

/** The codes and everything they depend on (transitively), so the engine grants them. */
export async function withDependencies(api: APIRequestContext, codes: string[]): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [...codes];
  while (queue.length) {
    const code = queue.shift()!;
    if (seen.has(code)) continue;
    seen.add(code);
    const res = await api.get(`/api/v1/permissions/${encodeURIComponent(code)}/dependencies`);
    expect(res.status(), `dependencies of ${code}`).toBe(200);
    for (const d of (await res.json()).depends_on as { code: string }[]) queue.push(d.code);
  }
  return [...seen];
}

export interface FreshUser {
  id: string;
  email: string;
  password: string;
  name: string;
  roleId: string;
  roleVersion: number;
  codes: string[];
}

/**
 * A new member of the admin's tenant whose only role is a new one holding `codes` (and their
 * dependencies), created over the API by the signed-in tenant admin behind `api`.
 */
export async function createUserWithRole(
  api: APIRequestContext,
  origin: string,
  label: string,
  codes: string[],
): Promise<FreshUser> {
  const headers = { origin };
  const t = tag();
  const all = await withDependencies(api, codes);
  let res = await api.post("/api/v1/roles", {
    headers,
    data: {
      name: `${label} ${t}`,
      description: "Made by an end-to-end test",
      permissions: all.map((code) => ({ code })),
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const role = await res.json();
  const email = `${label.toLowerCase().replace(/\W+/g, ".")}.${t}@acme.test`;
  const password = "correct-horse-battery-staple";
  const name = `${label} ${t}`;
  res = await api.post("/api/v1/users", { headers, data: { email, name, password, role_ids: [role.id] } });
  expect(res.status(), await res.text()).toBe(201);
  const user = await res.json();
  // Only our role: drop a default role if the tenant gave one anyway.
  for (const roleId of (user.role_ids as string[]).filter((id) => id !== role.id)) {
    expect((await api.delete(`/api/v1/users/${user.id}/roles/${roleId}`, { headers })).status()).toBe(204);
  }
  return { id: user.id, email, password, name, roleId: role.id, roleVersion: role.version, codes: all };
}
