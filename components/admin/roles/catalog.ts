"use client";
import { useMemo } from "react";
import { useApi } from "@/lib/query/hooks";
import { type CatalogEntry, flattenCatalog } from "./catalog-index";
import { CATALOG_PATH, type CatalogGroups } from "./types";

export type { CatalogEntry } from "./catalog-index";

/**
 * The tenant's catalog by code, when the viewer may read it (`gatehouse.permissions.view`) and a
 * caller needs it now (pickers and previews ask only while their dialog is open).
 */
export function useCatalog(enabled: boolean) {
  const query = useApi<CatalogGroups>(enabled ? CATALOG_PATH : null);
  const byCode = useMemo(
    () => (query.data ? flattenCatalog(query.data) : new Map<string, CatalogEntry>()),
    [query.data],
  );
  return { ...query, byCode };
}
