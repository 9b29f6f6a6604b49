/**
 * The navigation catalog's writes: modules (global, or the tenant's own) and menu items (global,
 * super-admins). Reads are `catalogQueries.modules()` and `catalogQueries.menuItems()`.
 */
import type { z } from "zod";
import type {
  createMenuItemRequest,
  createModuleRequest,
  updateMenuItemRequest,
  updateModuleRequest,
} from "@/lib/validation/navigation";
import type { MenuItemWritten, ModuleWritten } from "@/lib/validation/responses";
import { type ApiProblem, api } from "./api";
import type { MenuItem, ModuleItem } from "./catalog";
import { useApiMutation } from "./hooks";
import { isUnder } from "./keys";
import { paths } from "./paths";

export type SavedModule = z.infer<typeof ModuleWritten>;
export type SavedMenuItem = z.infer<typeof MenuItemWritten>;
export type ModuleInput = z.input<typeof createModuleRequest> | z.input<typeof updateModuleRequest>;
export type MenuItemInput = z.input<typeof createMenuItemRequest> | z.input<typeof updateMenuItemRequest>;

/** What a navigation write can change: the catalog's reads, plans (their items), and the caller's own menus. */
const READERS = [
  paths.modules,
  paths.menuItems,
  paths.permissionGroups,
  paths.permissions,
  paths.plans,
  paths.myMenus,
  paths.myPermissions,
  paths.myPermissionMap,
];
const navigationWritten = (key: readonly unknown[]) => READERS.some((p) => isUnder(key, p));

interface Callbacks<T> {
  onSaved?: (result: T) => void;
  onError?: (e: ApiProblem) => void;
}

export function useSaveModule(options: Callbacks<SavedModule> = {}) {
  return useApiMutation<{ id: string | null; body: ModuleInput; quiet?: boolean }, SavedModule>({
    mutationFn: ({ id, body }) =>
      id ? api.patch<SavedModule>(paths.module(id), body) : api.post<SavedModule>(paths.modules, body),
    invalidate: [navigationWritten],
    success: (m, v) => (v.quiet ? null : v.id ? `Saved ${m.name}` : `Created ${m.name}`),
    onSuccess: options.onSaved,
    onError: (e) => {
      if (!options.onError) return false;
      options.onError(e);
      return true;
    },
  });
}

export function useDeleteModule(onDeleted?: () => void) {
  return useApiMutation<ModuleItem>({
    mutationFn: (m) => api.delete(paths.module(m.id)),
    invalidate: [navigationWritten],
    success: (_, m) => `Deleted ${m.name}`,
    onSuccess: onDeleted,
  });
}

export function useSaveMenuItem(options: Callbacks<SavedMenuItem> = {}) {
  return useApiMutation<{ id: string | null; body: MenuItemInput; quiet?: boolean }, SavedMenuItem>({
    mutationFn: ({ id, body }) =>
      id ? api.patch<SavedMenuItem>(paths.menuItem(id), body) : api.post<SavedMenuItem>(paths.menuItems, body),
    invalidate: [navigationWritten],
    success: (m, v) => (v.quiet ? null : v.id ? `Saved ${m.name}` : `Created ${m.name}`),
    onSuccess: options.onSaved,
    onError: (e) => {
      if (!options.onError) return false;
      options.onError(e);
      return true;
    },
  });
}

export function useDeleteMenuItem(onDeleted?: () => void) {
  return useApiMutation<MenuItem>({
    mutationFn: (m) => api.delete(paths.menuItem(m.id)),
    invalidate: [navigationWritten],
    success: (_, m) => `Deleted ${m.name}: removed from every plan`,
    onSuccess: onDeleted,
  });
}
