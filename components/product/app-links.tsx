"use client";

import { createContext, useContext } from "react";
import { appHref } from "./routes";

/** null: the real app (`/app/...`); a path: the admin's preview, which keeps every link inside itself. */
const PreviewBase = createContext<string | null>(null);

export function AppLinksProvider({ previewBase, children }: { previewBase: string | null; children: React.ReactNode }) {
  return <PreviewBase.Provider value={previewBase}>{children}</PreviewBase.Provider>;
}

/** Maps a product route (`/sites/S-1001`, as the catalog writes them) to where it opens here. */
export function useAppHref(): (route: string | null) => string {
  const base = useContext(PreviewBase);
  return base === null
    ? appHref
    : (route) => `${base}?path=${encodeURIComponent(route && route !== "/" ? route : "/dashboard")}`;
}
