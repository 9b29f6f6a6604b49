"use client";
import {
  BadgeCheck,
  Building2,
  ChartColumn,
  CreditCard,
  Gauge,
  Grid3x3,
  KeyRound,
  LayoutTemplate,
  Network,
  PanelLeft,
  Plug,
  ScrollText,
  Shield,
  Users,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { NavDrawer } from "@/components/shell/nav-drawer";
import type { AdminSection } from "@/lib/admin/sections";
import { cn } from "@/lib/utils";
import { PendingApprovalsCount, useLiveApprovals } from "./pending-approvals";

const ICONS = {
  gauge: Gauge,
  shield: Shield,
  grid: Grid3x3,
  users: Users,
  "key-round": KeyRound,
  "layout-template": LayoutTemplate,
  "badge-check": BadgeCheck,
  "scroll-text": ScrollText,
  plug: Plug,
  chart: ChartColumn,
  "credit-card": CreditCard,
  building: Building2,
  network: Network,
  "panel-left": PanelLeft,
} as const;

const APPROVALS_HREF = "/admin/approvals";

export interface AdminNavProps {
  sections: AdminSection[];
  tenantName: string;
  planName: string | null;
}

/** The console's desktop sidebar (768 px and up). */
export function AdminNav(props: AdminNavProps) {
  // The desktop sidebar is mounted on every console page (hidden below 768 px): it holds the one stream.
  useLiveApprovals(props.sections.some((s) => s.href === APPROVALS_HREF));
  return (
    <AdminNavigation {...props} className="sticky top-14 hidden h-[calc(100dvh-3.5rem)] w-56 shrink-0 py-6 md:block" />
  );
}

/** Below 768 px: the top bar's menu button opens the same sections in the shared navigation drawer. */
export function AdminMobileNav(props: AdminNavProps) {
  return (
    <NavDrawer description="The console sections you may open.">
      <AdminNavigation {...props} className="h-full" />
    </NavDrawer>
  );
}

/** The sections, grouped, the current one marked: the sidebar and the drawer render the same list. */
function AdminNavigation({ sections, tenantName, planName, className }: AdminNavProps & { className?: string }) {
  const pathname = usePathname();
  const groups = [...new Set(sections.map((s) => s.group))];
  const active = (href: string) =>
    href === "/admin" ? pathname === "/admin" : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <nav aria-label="Admin console" className={cn("overflow-y-auto", className)}>
      <div className="mb-5 px-3">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Admin console</p>
        <p className="mt-1 truncate text-sm font-semibold text-slate-900">{tenantName}</p>
        {planName && <p className="text-xs text-slate-500">{planName}</p>}
      </div>
      {groups.map((group) => (
        <div key={group} className="mb-4">
          <p className="px-3 pb-1 text-[11px] font-semibold uppercase tracking-wider text-slate-400">{group}</p>
          <ul className="space-y-0.5">
            {sections
              .filter((s) => s.group === group)
              .map((s) => {
                const Icon = ICONS[s.icon];
                const isActive = active(s.href);
                return (
                  <li key={s.href} className="relative">
                    <Link
                      href={s.href}
                      aria-current={isActive ? "page" : undefined}
                      className={cn(
                        "flex items-center gap-2.5 rounded-lg px-3 py-1.5 text-sm transition-colors",
                        isActive
                          ? "bg-brand-50 font-medium text-brand-700"
                          : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
                      )}
                    >
                      <Icon className="size-4 shrink-0" aria-hidden />
                      {s.label}
                    </Link>
                    {/* Beside the link, not in it: the link's name stays the section's. */}
                    {s.href === APPROVALS_HREF && <PendingApprovalsCount />}
                  </li>
                );
              })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
