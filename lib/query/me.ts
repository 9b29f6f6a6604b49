/**
 * The signed-in user's own reads (`me/*`): permissions, menus and the resource × action map.
 * Keys end with the tenant they were read for, and each read pins that tenant with its header
 * whatever the cookie says now: after a tenant switch a cached answer of the other tenant is
 * never shown.
 */
import type { z } from "zod";
import type {
  MyMenus as MyMenusSchema,
  MyPermissions as MyPermissionsSchema,
  PermissionMap as PermissionMapSchema,
} from "@/lib/validation/responses";
import { apiRequest } from "./api";
import { queryKeys } from "./keys";
import { paths } from "./paths";

export type MyPermissions = z.infer<typeof MyPermissionsSchema>;
export type MyMenus = z.infer<typeof MyMenusSchema>;
export type MenuModule = MyMenus["modules"][number];
export type MenuItem = MenuModule["items"][number];
export type PermissionMap = z.infer<typeof PermissionMapSchema>;

/** A menu item the tenant's plan does not include, with the cheapest plan that does (the upgrade prompt). */
export interface LockedMenuItem extends MenuItem {
  module: Omit<MenuModule, "items">;
  upgrade: { code: string; name: string } | null;
}

export const meKeys = queryKeys.me;

async function readFor<T>(path: string, tenantId: string | null): Promise<T> {
  const headers: Record<string, string> = tenantId ? { "x-tenant-id": tenantId } : {};
  return (await apiRequest<T>("GET", path, { headers })).data;
}

export const meQueries = {
  permissions: (tenantId: string | null) => ({
    queryKey: meKeys.permissions(tenantId),
    queryFn: () => readFor<MyPermissions>(paths.myPermissions, tenantId),
  }),
  menus: (tenantId: string | null) => ({
    queryKey: meKeys.menus(tenantId),
    queryFn: () => readFor<MyMenus>(paths.myMenus, tenantId),
  }),
  permissionMap: (tenantId: string | null) => ({
    queryKey: meKeys.permissionMap(tenantId),
    queryFn: () => readFor<PermissionMap>(paths.myPermissionMap, tenantId),
  }),
};
