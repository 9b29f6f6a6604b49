"use client";

import { NavDrawer } from "@/components/shell/nav-drawer";
import { AppNavigation, type AppSidebarProps } from "./app-sidebar";

/**
 * Below 768 px the sidebar is hidden: a menu button in the top bar opens the same navigation in
 * a drawer from the left (components/shell/nav-drawer.tsx: focus trapped, Escape and the overlay
 * close it, following a link closes it).
 */
export function MobileNav(props: AppSidebarProps) {
  return (
    <NavDrawer description="The parts of the product your permissions open.">
      <AppNavigation {...props} />
    </NavDrawer>
  );
}
