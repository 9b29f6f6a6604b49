/**
 * The permission catalog and the navigation catalog: the module tree with its permissions, a
 * permission's dependencies, modules and menu items; and the catalog's writes.
 */
import { infiniteQueryOptions, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  createPermissionRequest,
  setDependenciesRequest,
  updatePermissionRequest,
} from "@/lib/validation/catalog";
import type {
  DependenciesWritten,
  MenuItemPage,
  ModulePage,
  PermissionDependencies as PermissionDependenciesSchema,
  PermissionGroups,
  PermissionHolderPage,
  PermissionWritten,
} from "@/lib/validation/responses";
import { type ApiProblem, api } from "./api";
import { apiQuery, type ReadOptions, useApiMutation } from "./hooks";
import { isUnder, queryKeys } from "./keys";
import { paths } from "./paths";

export type CatalogGroups = z.infer<typeof PermissionGroups>;
export type ModuleNode = CatalogGroups["modules"][number];
export type CatalogPermission = ModuleNode["permissions"][number];
export type PermissionDependencies = z.infer<typeof PermissionDependenciesSchema>;
export type SavedPermission = z.infer<typeof PermissionWritten>;
export type PermissionHolders = z.infer<typeof PermissionHolderPage>;
export type PermissionHolder = PermissionHolders["data"][number];
export type ModuleList = z.infer<typeof ModulePage>;
export type ModuleItem = ModuleList["data"][number];
export type MenuItemList = z.infer<typeof MenuItemPage>;
export type MenuItem = MenuItemList["data"][number];

/** A create body, or a patch (no code: it is immutable). Zod's defaults are the server's to fill. */
export type PermissionInput = Omit<Partial<z.input<typeof createPermissionRequest>>, "code"> & { code?: string };

/** One page of 200 holds the demo world's navigation; the same params on server and client. */
export const NAVIGATION_PARAMS = { limit: 200 } as const;

/** Holders are read 50 at a time; "Show more" follows the cursor. */
export const HOLDERS_PAGE = { limit: 50 } as const;

export const catalogQueries = {
  /** "Who can do this?": every member the code is effective for, page after page. */
  holders: (code: string) =>
    infiniteQueryOptions({
      queryKey: queryKeys.catalog.holders(code),
      queryFn: ({ pageParam }: { pageParam: string | null }) =>
        api.get<PermissionHolders>(paths.permissionHolders(code), { ...HOLDERS_PAGE, cursor: pageParam }),
      initialPageParam: null as string | null,
      getNextPageParam: (last: PermissionHolders) => last.next_cursor,
    }),
  groups: () => apiQuery<CatalogGroups>(queryKeys.catalog.groups, paths.permissionGroups),
  dependencies: (code: string) =>
    apiQuery<PermissionDependencies>(queryKeys.catalog.dependencies(code), paths.permissionDependencies(code)),
  modules: () => apiQuery<ModuleList>(queryKeys.catalog.modules(NAVIGATION_PARAMS), paths.modules, NAVIGATION_PARAMS),
  menuItems: () =>
    apiQuery<MenuItemList>(queryKeys.catalog.menuItems(NAVIGATION_PARAMS), paths.menuItems, NAVIGATION_PARAMS),
};

export const usePermissionGroups = (options: ReadOptions = {}) => useQuery({ ...catalogQueries.groups(), ...options });
export const usePermissionDependencies = (code: string) => useQuery(catalogQueries.dependencies(code));
export const usePermissionHolders = (code: string, options: ReadOptions = {}) =>
  useInfiniteQuery({ ...catalogQueries.holders(code), ...options });
export const useModules = (options: ReadOptions = {}) => useQuery({ ...catalogQueries.modules(), ...options });
export const useMenuItems = () => useQuery(catalogQueries.menuItems());

/**
 * A catalog write can change every view that lists permissions or decides them: the catalog's
 * own reads, the matrix, menu items (their permission) and the caller's own effective set.
 */
const CATALOG_READERS = [
  paths.permissions,
  paths.matrix,
  paths.menuItems,
  paths.myPermissions,
  paths.myMenus,
  paths.myPermissionMap,
  paths.myMfa,
];
const catalogWritten = (key: readonly unknown[]) => CATALOG_READERS.some((p) => isUnder(key, p));

interface FormCallbacks<T> {
  onSaved: (result: T) => void;
  onError: (e: ApiProblem) => void;
}

export function useSavePermission(options: FormCallbacks<SavedPermission>) {
  return useApiMutation<{ id: string | null; body: PermissionInput }, SavedPermission>({
    mutationFn: ({ id, body }) =>
      id
        ? api.patch<SavedPermission>(paths.permission(id), body as z.input<typeof updatePermissionRequest>)
        : api.post<SavedPermission>(paths.permissions, body),
    invalidate: [catalogWritten],
    success: (p, v) => (v.id ? `Saved ${p.code}` : `Created ${p.code}`),
    onSuccess: options.onSaved,
    onError: (e) => {
      options.onError(e);
      return true;
    },
  });
}

export function useDeletePermission(onDeleted: () => void) {
  return useApiMutation<CatalogPermission>({
    mutationFn: (p) => api.delete(paths.permission(p.id)),
    invalidate: [catalogWritten],
    success: (_, p) => `Deleted ${p.code}`,
    onSuccess: onDeleted,
  });
}

type SetDependencies = { permission: CatalogPermission } & z.input<typeof setDependenciesRequest>;

export function useSetDependencies(options: FormCallbacks<z.infer<typeof DependenciesWritten>>) {
  return useApiMutation<SetDependencies, z.infer<typeof DependenciesWritten>>({
    mutationFn: ({ permission, codes }) => api.put(paths.permissionDependencies(permission.id), { codes }),
    invalidate: [catalogWritten],
    success: (_, v) => `Dependencies of ${v.permission.code} saved`,
    onSuccess: options.onSaved,
    onError: (e) => {
      options.onError(e);
      return true;
    },
  });
}
