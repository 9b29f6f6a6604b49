"use client";
import { useMemo } from "react";
import { usePermissionGroups } from "@/lib/query/catalog";
import { type CatalogEntry, flattenCatalog } from "./catalog-index";

export type { CatalogEntry } from "./catalog-index";

/**
 * The tenant's catalog by code, when the viewer may read it (`gatehouse.permissions.view`) and a
 * caller needs it now (pickers and previews ask only while their dialog is open).
 */
export function useCatalog(enabled: boolean) {
  const query = usePermissionGroups({ enabled });
  const byCode = useMemo(
    () => (query.data ? flattenCatalog(query.data) : new Map<string, CatalogEntry>()),
    [query.data],
  );
  return { ...query, byCode };
}
