import "server-only";
import { navigationCatalog } from "@/db/queries/navigation";
import { rolesOfUser } from "@/db/queries/roles";
import type { Principal } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import { tenantDecisions } from "@/lib/permissions/server";
import type { ServiceContext } from "./context";

function userPrincipal(principal: Principal) {
  if (principal.kind !== "user") throw ApiError.forbidden("This route is for signed-in users.");
  return principal;
}

async function compiledFor(principal: Principal) {
  const p = userPrincipal(principal);
  if (!p.tenantId) throw ApiError.forbidden("You are not a member of any tenant.");
  const compiled = await tenantDecisions(p.tenantId, [p.userId]);
  if (!compiled) throw ApiError.notFound("tenant");
  return { p, compiled };
}

export async function getMe(ctx: ServiceContext) {
  const { db, principal } = ctx;
  const p = userPrincipal(principal);
  const { user, tenant } = p.viewer;
  const roles = tenant ? await rolesOfUser(db, tenant.id, user.id) : [];
  const now = Date.now();
  return {
    user: { id: user.id, email: user.email, name: user.name, is_super_admin: user.isSuperAdmin },
    tenant: tenant && { id: tenant.id, name: tenant.name, slug: tenant.slug, plan: tenant.planName },
    tenants: p.viewer.tenants,
    roles: roles
      .filter((r) => !r.expiresAt || r.expiresAt.getTime() > now)
      .map((r) => ({ id: r.id, name: r.name, expires_at: r.expiresAt?.toISOString() ?? null })),
  };
}

export async function getMyPermissions(ctx: ServiceContext) {
  const { db, principal } = ctx;
  const { p, compiled } = await compiledFor(principal);
  const { codes } = compiled.effectivePermissions(p.userId);
  const roles = await rolesOfUser(db, compiled.tenantId, p.userId);
  const now = Date.now();
  return {
    permissions: Object.fromEntries(codes.map((c) => [c, true])),
    codes,
    requires_mfa: codes.filter((c) => compiled.decide(p.userId, c).requires_mfa),
    roles: roles.filter((r) => !r.expiresAt || r.expiresAt.getTime() > now).map((r) => r.name),
    perm_version: compiled.permVersion,
    cached_at: new Date().toISOString(),
  };
}

export async function getMyPermissionMap({ principal }: ServiceContext) {
  const { p, compiled } = await compiledFor(principal);
  return compiled.permissionMap(p.userId);
}

/** Modules and menu items the tenant's plan includes and the user may view. */
export async function getMyMenus(ctx: ServiceContext) {
  const { db, principal } = ctx;
  const { p, compiled } = await compiledFor(principal);
  const items = await navigationCatalog(db);
  const modules = new Map<
    string,
    { id: string; code: string; name: string; icon: string | null; sort_order: number; items: unknown[] }
  >();
  for (const item of items) {
    if (!item.permissionCode || !compiled.decide(p.userId, item.permissionCode).granted) continue;
    let m = modules.get(item.moduleId);
    if (!m)
      modules.set(
        item.moduleId,
        (m = {
          id: item.moduleId,
          code: item.moduleCode,
          name: item.moduleName,
          icon: item.moduleIcon,
          sort_order: item.moduleSort,
          items: [],
        }),
      );
    m.items.push({
      id: item.id,
      code: item.code,
      name: item.name,
      route: item.route,
      icon: item.icon,
      resource: item.resource,
      permission_code: item.permissionCode,
      sort_order: item.sortOrder,
    });
  }
  const t = p.viewer.tenant;
  return { plan: t?.planCode ? { code: t.planCode, name: t.planName } : null, modules: [...modules.values()] };
}
