/**
 * The signed-in user's own permission reads (`/api/v1/me/*`): their response types, query keys
 * and fetchers. Keys start with `apiKey(path)` so that invalidating the path (as any write may)
 * refreshes them, and end with the tenant they were read for: after a tenant switch a cached
 * answer of the other tenant is never shown.
 */
import type { PermissionMap } from "@/lib/permissions/types";
import { apiRequest } from "./api";
import { apiKey } from "./keys";

export type { PermissionMap };

export const ME_PERMISSIONS = "/api/v1/me/permissions";
export const ME_MENUS = "/api/v1/me/menus";
export const ME_PERMISSION_MAP = "/api/v1/me/permission-map";

/** GET /api/v1/me/permissions */
export interface MyPermissions {
  permissions: Record<string, true>;
  codes: string[];
  requires_mfa: string[];
  roles: string[];
  perm_version: number;
  cached_at: string;
}

export interface MenuItem {
  id: string;
  code: string;
  name: string;
  route: string | null;
  icon: string | null;
  resource: string | null;
  permission_code: string | null;
  sort_order: number;
}
export interface MenuModule {
  id: string;
  code: string;
  name: string;
  icon: string | null;
  sort_order: number;
  items: MenuItem[];
}
/** GET /api/v1/me/menus: what the plan includes and the user may view. */
export interface MyMenus {
  plan: { code: string; name: string | null } | null;
  modules: MenuModule[];
}

/** A menu item the tenant's plan does not include, with the cheapest plan that does (the upgrade prompt). */
export interface LockedMenuItem extends MenuItem {
  module: { id: string; code: string; name: string; icon: string | null; sort_order: number };
  upgrade: { code: string; name: string } | null;
}

const scoped = (path: string, tenantId: string | null) => [...apiKey(path), { tenant: tenantId }] as const;

export const meKeys = {
  /** Prefixes: every tenant's answer of each read. */
  all: [apiKey(ME_PERMISSIONS), apiKey(ME_MENUS), apiKey(ME_PERMISSION_MAP)],
  permissions: (tenantId: string | null) => scoped(ME_PERMISSIONS, tenantId),
  menus: (tenantId: string | null) => scoped(ME_MENUS, tenantId),
  permissionMap: (tenantId: string | null) => scoped(ME_PERMISSION_MAP, tenantId),
};

/** Reads a me/* route for one tenant: the header pins the tenant whatever the cookie says now. */
async function readFor<T>(path: string, tenantId: string | null): Promise<T> {
  const headers: Record<string, string> = tenantId ? { "x-tenant-id": tenantId } : {};
  return (await apiRequest<T>("GET", path, { headers })).data;
}

export const fetchMyPermissions = (tenantId: string | null) => readFor<MyPermissions>(ME_PERMISSIONS, tenantId);
export const fetchMyMenus = (tenantId: string | null) => readFor<MyMenus>(ME_MENUS, tenantId);
export const fetchMyPermissionMap = (tenantId: string | null) => readFor<PermissionMap>(ME_PERMISSION_MAP, tenantId);
