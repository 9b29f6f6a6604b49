import "server-only";
import type { DbOrTx } from "@/db/client";
import { readPolicyRows } from "@/db/queries/policy";
import { findTenantRow } from "@/db/queries/tenants";
import { authorize } from "@/lib/auth/authorize";
import { tenantOf } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import type { Scope } from "@/lib/permissions/types";
import type { PolicyDocument, PolicyPermission } from "@/lib/validation/policy";
import type { ServiceContext } from "./context";
import { Download } from "./download";
import { canonicalPolicy, policyYaml } from "./policy-document";

/**
 * Who may read and write the policy document (docs/policy-as-code.md): it is the roles page's,
 * so reading needs gatehouse.roles.view, and writing gatehouse.roles.manage (the route declares
 * these). It also carries the catalog and the templates, so reading needs their `view` too and
 * members' assignments `gatehouse.users.view`; a write needs the `manage` code of every area it
 * changes — the same codes each area's own routes need.
 */
export const POLICY_VIEW = ["gatehouse.roles.view", "gatehouse.permissions.view", "gatehouse.templates.view"] as const;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The tenant's policy as a document, in its canonical form (read in `db`, which may be a transaction). */
export async function readPolicy(db: DbOrTx, tenantId: string, withMembers: boolean): Promise<PolicyDocument> {
  const rows = await readPolicyRows(db, tenantId, withMembers);
  const deps = new Map<string, string[]>();
  for (const d of rows.dependencies) deps.set(d.code, [...(deps.get(d.code) ?? []), d.dependsOn]);
  const roleName = new Map(rows.roles.map((r) => [r.id, r.name]));
  const permissions: PolicyPermission[] = rows.permissions.map(({ permission: p, module, replacement }) => ({
    code: p.code,
    name: p.name,
    description: p.description,
    module,
    category: p.category as PolicyPermission["category"],
    resource: p.resource,
    action: p.action,
    risk_level: p.riskLevel as PolicyPermission["risk_level"],
    requires_mfa: p.requiresMfa,
    requires_approval: p.requiresApproval,
    is_active: p.isActive,
    deprecated: p.deprecated,
    deprecated_message: p.deprecatedMessage,
    replacement,
    sort_order: p.sortOrder,
    depends_on: deps.get(p.code) ?? [],
  }));
  const roles = rows.roles.map((r) => ({
    name: r.name,
    description: r.description,
    is_system: r.isSystem,
    grants_all: r.grantsAll,
    is_default: r.isDefault,
    parents: rows.parents.filter((p) => p.roleId === r.id).map((p) => roleName.get(p.parentId)!),
    grants: rows.grants
      .filter((g) => g.roleId === r.id)
      .map((g) => ({ code: g.code, scope: g.scope as Scope, conditions: g.conditions ?? null })),
  }));
  const templates = rows.templates.map((t) => ({
    name: t.name,
    description: t.description,
    permissions: Object.fromEntries(
      rows.templateEntries.filter((e) => e.templateId === t.id).map((e) => [e.code, e.effect as "allow" | "deny"]),
    ),
  }));
  const members = rows.members?.members.map((m) => ({
    email: m.email,
    roles: rows
      .members!.roles.filter((r) => r.userId === m.userId)
      .map((r) => ({ name: roleName.get(r.roleId)!, expires_at: iso(r.expiresAt) })),
    overrides: rows
      .members!.overrides.filter((o) => o.userId === m.userId)
      .map((o) => ({
        code: o.code,
        effect: o.effect as "allow" | "deny",
        notes: o.notes,
        expires_at: iso(o.expiresAt),
      })),
  }));
  return canonicalPolicy({ gatehouse_policy: 1, permissions, roles, templates, ...(members ? { members } : {}) });
}

async function authorizeRead(ctx: ServiceContext, withMembers: boolean) {
  for (const code of POLICY_VIEW) await authorize(ctx.principal, code);
  if (withMembers) await authorize(ctx.principal, "gatehouse.users.view");
}

/** `GET /api/v1/policy`: the caller's tenant's policy document. */
export async function exportPolicy(ctx: ServiceContext, query: { include?: "assignments" }) {
  const withMembers = query.include === "assignments";
  await authorizeRead(ctx, withMembers);
  // One transaction: the document is one state of the tenant, never half of two writes.
  return ctx.db.transaction((tx) => readPolicy(tx, tenantOf(ctx.principal), withMembers));
}

/** The same document as a YAML download named after the tenant. */
export async function exportPolicyYaml(ctx: ServiceContext, query: { include?: "assignments" }) {
  const doc = await exportPolicy(ctx, query);
  const tenant = await findTenantRow(ctx.db, tenantOf(ctx.principal));
  if (!tenant) throw ApiError.notFound("tenant");
  const bytes = new TextEncoder().encode(policyYaml(doc));
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  return new Download(`policy-${tenant.slug}.yaml`, "application/yaml; charset=utf-8", body);
}
