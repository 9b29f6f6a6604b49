import { type APIRequestContext, expect } from "@playwright/test";
import { sameOrigin } from "./same-origin";

export const stamp = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 6);

/**
 * A small policy document with one of everything: custom permissions (a dependency, a
 * deprecation), roles with a parent and scoped, conditioned grants, a template. Its custom codes
 * carry `tag`, so documents of different runs never meet.
 */
export function samplePolicy(tag: string) {
  const code = (rest: string) => `e2e_${tag}.${rest}`;
  return {
    gatehouse_policy: 1,
    permissions: [
      { code: code("reports.view"), name: "View reports" },
      {
        code: code("reports.export"),
        name: "Export reports",
        risk_level: "medium",
        depends_on: [code("reports.view")],
      },
      { code: code("legacy"), name: "Old reports", deprecated: true, replacement: code("reports.view") },
    ],
    roles: [
      { name: "Report Reader", parents: ["Member"], grants: [{ code: code("reports.view"), scope: "department" }] },
      {
        name: "Report Exporter",
        description: "Exports within limits",
        parents: ["Report Reader"],
        grants: [{ code: code("reports.export"), conditions: { amount: { $lte: 100 } } }],
      },
    ],
    templates: [{ name: "Reports kit", permissions: { [code("reports.view")]: "allow", [code("legacy")]: "deny" } }],
  };
}

/** A new tenant (Admin, Member, Viewer), made by the super-admin signed in behind `api`. */
export async function freshTenant(api: APIRequestContext, name: string): Promise<string> {
  const res = await api.post("/api/v1/tenants", { headers: sameOrigin, data: { name, slug: `policy-${stamp()}` } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id;
}

/** The sample with the tenant's other roles (Admin, Member, Viewer) as they are: a document lists every role it keeps. */
export async function withDefaultRoles(api: APIRequestContext, tenantId: string, doc: ReturnType<typeof samplePolicy>) {
  const current = await (await api.get("/api/v1/policy", { headers: { "x-tenant-id": tenantId } })).json();
  const mine = new Set(doc.roles.map((r) => r.name));
  return { ...doc, roles: [...current.roles.filter((r: { name: string }) => !mine.has(r.name)), ...doc.roles] };
}
