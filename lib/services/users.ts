import "server-only";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { listAuditEntries } from "@/db/queries/audit";
import { catalogOfTenant, moduleCodesById } from "@/db/queries/catalog";
import { findMember, listMembers, overridesOf } from "@/db/queries/members";
import { rolesOfUser } from "@/db/queries/roles";
import { authorize } from "@/lib/auth/authorize";
import { tenantOf } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import { isSelfOrAncestor } from "@/lib/permissions/codes";
import { tenantDecisions } from "@/lib/permissions/server";
import type { Decision, DecisionContext } from "@/lib/permissions/types";
import type { userAuditQuery, userListQuery, userPermissionsQuery } from "@/lib/validation/users";
import type { ServiceContext } from "./context";
import { LISTS, paginate } from "./paging";

const VIEW = "gatehouse.users.view";
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A member of the caller's tenant, or 404 — alike for unknown ids and other tenants' users. */
export async function memberOr404(db: Db, tenantId: string, userId: string) {
  const member = await findMember(db, tenantId, userId);
  if (!member) throw ApiError.notFound("user");
  return member;
}

export async function listUsers(ctx: ServiceContext, q: z.infer<typeof userListQuery>) {
  const { db, principal } = ctx;
  await authorize(principal, VIEW);
  const { rows: page, next_cursor } = await paginate(
    LISTS.users,
    q,
    (after, limit) =>
      listMembers(db, tenantOf(principal), {
        search: q.search,
        roleId: q.role_id,
        after,
        limit,
      }),
    (u) => ({ name: u.name, id: u.id }),
  );
  return {
    data: page.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      status: u.status === "active" && u.membershipStatus === "active" ? "active" : "disabled",
      department_id: u.departmentId,
      department: u.departmentName,
      role_ids: u.roleIds,
    })),
    next_cursor,
  };
}

export async function getUser(ctx: ServiceContext, id: string) {
  const { db, principal } = ctx;
  await authorize(principal, VIEW);
  const tenantId = tenantOf(principal);
  const m = await memberOr404(db, tenantId, id);
  const [roles, overrides] = await Promise.all([rolesOfUser(db, tenantId, id), overridesOf(db, tenantId, id)]);
  return {
    id: m.id,
    email: m.email,
    name: m.name,
    status: m.status,
    membership_status: m.membershipStatus,
    is_super_admin: m.isSuperAdmin,
    department_id: m.departmentId,
    department: m.departmentName,
    roles: roles.map((r) => ({
      id: r.id,
      name: r.name,
      is_system: r.isSystem,
      assigned_at: iso(r.assignedAt),
      expires_at: iso(r.expiresAt),
    })),
    overrides: overrides.map((o) => ({
      id: o.id,
      permission_id: o.permissionId,
      code: o.code,
      effect: o.effect,
      notes: o.notes,
      granted_at: iso(o.grantedAt),
      expires_at: iso(o.expiresAt),
    })),
  };
}

/** The `source` of docs/api.md: where a decision came from, in the words an admin uses. */
function sourceOf(code: string, d: Decision): { source: string; role_name?: string; via?: unknown } {
  const via = d.via;
  switch (d.reason) {
    case "role":
      if (via?.kind !== "role") return { source: "role" };
      return {
        source: via.through_role || via.code !== code ? "inherited" : "role",
        role_name: via.through_role ?? via.role,
        via,
      };
    case "superadmin":
      return { source: "role", role_name: "Platform super-admin", via };
    case "override":
      return { source: "direct", via };
    case "plan":
    case "dependency":
      return { source: d.reason, via };
    default:
      return { source: "none", via: via ?? undefined };
  }
}

export async function getUserPermissions(ctx: ServiceContext, id: string, q: z.infer<typeof userPermissionsQuery>) {
  const { db, principal } = ctx;
  await authorize(principal, VIEW);
  const tenantId = tenantOf(principal);
  await memberOr404(db, tenantId, id);
  const [compiled, catalog, overrides, roles, moduleCodes] = await Promise.all([
    tenantDecisions(tenantId, [id]),
    catalogOfTenant(db, tenantId),
    overridesOf(db, tenantId, id),
    rolesOfUser(db, tenantId, id),
    moduleCodesById(db),
  ]);
  const overrideOf = (code: string) =>
    overrides.filter((o) => isSelfOrAncestor(o.code, code)).sort((a, b) => b.code.length - a.code.length)[0];
  const items = [];
  for (const p of catalog) {
    if (q.category && p.category !== q.category) continue;
    if (q.active_only && !p.isActive) continue;
    const d = compiled!.decide(id, p.code);
    const s = sourceOf(p.code, d);
    // include_inherited=false: the user's direct overrides only (API.md), whatever decides the code.
    if (!q.include_inherited && overrideOf(p.code) === undefined) continue;
    // `module`: the permission's module, by code or id (not a prefix of the code).
    if (q.module && q.module !== p.moduleId && q.module !== (p.moduleId ? moduleCodes.get(p.moduleId) : undefined))
      continue;
    const o = s.source === "direct" ? overrideOf(p.code) : undefined;
    const assignment =
      s.source === "role" || s.source === "inherited" ? roles.find((r) => r.name === s.role_name) : undefined;
    items.push({
      permission_id: p.id,
      code: p.code,
      name: p.name,
      module: p.moduleId ? (moduleCodes.get(p.moduleId) ?? null) : null,
      module_id: p.moduleId,
      category: p.category,
      risk_level: p.riskLevel,
      requires_mfa: p.requiresMfa,
      granted: d.granted,
      reason: d.reason,
      ...s,
      granted_at: iso(o?.grantedAt ?? assignment?.assignedAt ?? null),
      granted_by: o?.grantedBy ?? assignment?.assignedBy ?? null,
      notes: o?.notes ?? null,
      expires_at: iso(o?.expiresAt ?? assignment?.expiresAt ?? null),
    });
  }
  return {
    data: items,
    perm_version: compiled!.permVersion,
  };
}

export async function getUserPermissionStats(ctx: ServiceContext, id: string) {
  const { data } = await getUserPermissions(ctx, id, { include_inherited: true, active_only: false });
  return {
    total_permissions: data.length,
    granted_permissions: data.filter((p) => p.granted).length,
    role_permissions: data.filter((p) => p.granted && (p.source === "role" || p.source === "inherited")).length,
    direct_permissions: data.filter((p) => p.granted && p.source === "direct").length,
    denied_permissions: data.filter((p) => !p.granted).length,
  };
}

/** "Why?": the decision and its steps; with a context, every scope and condition is evaluated against it (§3.6). */
export async function explainUserPermission(ctx: ServiceContext, id: string, code: string, context?: DecisionContext) {
  const { db, principal } = ctx;
  await authorize(principal, VIEW);
  const tenantId = tenantOf(principal);
  await memberOr404(db, tenantId, id);
  const compiled = await tenantDecisions(tenantId, [id]);
  const { decision, steps } = compiled!.explain(id, code, context);
  return { user_id: id, code, ...decision, steps, perm_version: compiled!.permVersion };
}

export async function getUserAudit(ctx: ServiceContext, id: string, q: z.infer<typeof userAuditQuery>) {
  const { db, principal } = ctx;
  await authorize(principal, VIEW);
  await authorize(principal, "gatehouse.audit.view");
  const tenantId = tenantOf(principal);
  await memberOr404(db, tenantId, id);
  // Pages like every list, with cursors of its own: one of the tenant's audit list is refused here.
  const { rows, next_cursor } = await paginate(
    LISTS.userAudit,
    q,
    (after, limit) =>
      listAuditEntries(db, tenantId, { targetType: "user", targetId: id, beforeSeq: after?.seq, limit }),
    (e) => ({ seq: e.seq }),
  );
  return {
    data: rows.map((e) => ({
      id: e.id,
      created_at: e.createdAt.toISOString(),
      actor: e.actorLabel,
      action: e.action,
      permission_code: e.permissionCode,
      before: e.before,
      after: e.after,
      notes: e.notes,
    })),
    next_cursor,
  };
}
