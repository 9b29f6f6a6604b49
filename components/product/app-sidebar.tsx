"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname } from "next/navigation";
import { usePermissions } from "@/components/permissions/permission-provider";
import { useHydrated } from "@/components/shell/use-hydrated";
import { Badge } from "@/components/ui/badge";
import { type LockedMenuItem, type MyMenus, meQueries } from "@/lib/query/me";
import { SidebarNav } from "./sidebar-nav";

export interface AppSidebarProps {
  tenantId: string;
  tenantName: string;
  initialMenus: MyMenus;
  locked: LockedMenuItem[];
}

/**
 * The signed-in user's menus: GET me/menus, seeded by the layout (no flash) and
 * refetched by the PermissionProvider whenever the tenant's perm_version moves. The desktop
 * sidebar and the phone drawer read the same query, so both follow a revocation live.
 */
export function useMyMenus(tenantId: string, initialMenus: MyMenus) {
  return useQuery({
    ...meQueries.menus(tenantId),
    initialData: initialMenus,
    staleTime: 30_000,
  }).data;
}

/** The product's navigation with its workspace header and live status (the sidebar's and the drawer's content). */
export function AppNavigation({ tenantId, tenantName, initialMenus, locked }: AppSidebarProps) {
  const pathname = usePathname();
  const menus = useMyMenus(tenantId, initialMenus);
  return (
    <SidebarNav
      menus={menus}
      locked={locked}
      activePath={pathname}
      header={
        <div className="mb-5 px-3">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Workspace</p>
          <p className="mt-1 truncate text-sm font-semibold text-slate-900">{tenantName}</p>
          {menus.plan?.name && (
            <Badge tone="brand" className="mt-1">
              {menus.plan.name}
            </Badge>
          )}
        </div>
      }
      footer={<LiveStatus />}
    />
  );
}

/** The sidebar from 768 px up; below, the top bar's menu button opens the same navigation in a drawer (MobileNav). */
export function AppSidebar(props: AppSidebarProps) {
  const hydrated = useHydrated();
  return (
    <aside
      className="sticky top-14 hidden h-[calc(100dvh-3.5rem)] w-60 shrink-0 py-6 md:block"
      data-hydrated={hydrated || undefined}
    >
      <AppNavigation {...props} />
    </aside>
  );
}

/** Tells a newcomer that what they see follows their permissions, live (the version stays an attribute: no engine words on screen). */
function LiveStatus() {
  const { live, permVersion } = usePermissions();
  return (
    <p
      className="mx-3 mt-2 flex items-center gap-2 border-t border-slate-100 pt-3 text-xs text-slate-500"
      data-testid="live-status"
      data-perm-version={permVersion}
    >
      <span className={`size-2 rounded-full ${live ? "bg-emerald-500" : "bg-slate-300"}`} aria-hidden />
      {live ? "Permissions update live" : "Connecting for live updates…"}
    </p>
  );
}
