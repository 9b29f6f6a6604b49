"use client";

import * as Collapsible from "@radix-ui/react-collapsible";
import { ChevronRight, Lock, Sparkles } from "lucide-react";
import Link from "next/link";
import type { LockedMenuItem, MenuItem, MyMenus } from "@/lib/query/me";
import { cn } from "@/lib/utils";
import { useAppHref } from "./app-links";
import { MenuIcon } from "./icons";
import { APP_BASE, appHref, isActive } from "./routes";

type Entry = MenuItem & { upgrade?: LockedMenuItem["upgrade"]; locked: boolean };
interface Group {
  id: string;
  name: string;
  icon: string | null;
  sort: number;
  entries: Entry[];
}

/** "Professional Plan" → "Professional": the prompt reads "Upgrade to Professional". */
export const planShort = (name: string) => name.replace(/\s+plan$/i, "");

/** Modules in sort order, each with its viewable items and the items its plan lacks, in sort order. */
export function sidebarGroups(menus: MyMenus, locked: LockedMenuItem[]): Group[] {
  const groups = new Map<string, Group>();
  for (const m of menus.modules)
    groups.set(m.id, {
      id: m.id,
      name: m.name,
      icon: m.icon,
      sort: m.sort_order,
      entries: m.items.map((i) => ({ ...i, locked: false })),
    });
  // The open items win: after a live plan change the menus (refetched) may list an item the
  // server-rendered locked list still holds until the page's next render: each item shows once.
  const open = new Set(menus.modules.flatMap((m) => m.items.flatMap((i) => [i.id, i.route])));
  for (const item of locked) {
    if (open.has(item.id) || open.has(item.route)) continue;
    const g = groups.get(item.module.id) ?? {
      id: item.module.id,
      name: item.module.name,
      icon: item.module.icon,
      sort: item.module.sort_order,
      entries: [],
    };
    groups.set(item.module.id, g);
    g.entries.push({ ...item, locked: true });
  }
  const out = [...groups.values()].sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name));
  for (const g of out) g.entries.sort((a, b) => a.sort_order - b.sort_order || a.name.localeCompare(b.name));
  return out;
}

export interface SidebarNavProps {
  menus: MyMenus;
  locked: LockedMenuItem[];
  /** The app path to highlight (`/app/sites/S-1001` highlights Sites). */
  activePath: string;
  header?: React.ReactNode;
  footer?: React.ReactNode;
  label?: string;
}

/**
 * The product's sidebar: the modules and items a user may view (GET me/menus) with their
 * icons, in sort order, the current one highlighted; items the tenant's plan lacks stay visible
 * as upgrade prompts naming the plan that has them. Items the user may not view never appear.
 */
export function SidebarNav({ menus, locked, activePath, header, footer, label = "Product" }: SidebarNavProps) {
  const linkFor = useAppHref();
  const groups = sidebarGroups(menus, locked);
  return (
    <nav aria-label={label} className="flex h-full flex-col">
      {header}
      <div className="min-h-0 flex-1 space-y-4 overflow-y-auto pb-4">
        {groups.length === 0 && (
          <p className="px-3 text-sm text-slate-500">
            Nothing here yet: your roles do not open any part of the product.
          </p>
        )}
        {groups.map((g) => {
          const allLocked = g.entries.every((e) => e.locked);
          const list = (
            <ul className="space-y-0.5">
              {g.entries.map((e) => (
                <SidebarItem
                  key={e.id}
                  entry={e}
                  href={linkFor(e.route)}
                  active={isActive(activePath, appHref(e.route))}
                />
              ))}
            </ul>
          );
          if (!allLocked) {
            return (
              <div key={g.id} data-module={g.name}>
                <p className="flex items-center gap-1.5 px-3 pb-1 text-[11px] font-semibold uppercase tracking-wider text-slate-400">
                  <MenuIcon name={g.icon} className="size-3.5" /> {g.name}
                </p>
                {list}
              </div>
            );
          }
          return (
            <Collapsible.Root
              key={g.id}
              data-module={g.name}
              defaultOpen={activePath !== APP_BASE && g.entries.some((e) => isActive(activePath, appHref(e.route)))}
            >
              <Collapsible.Trigger className="group flex w-full items-center gap-1.5 rounded-md px-3 pb-1 text-left text-[11px] font-semibold uppercase tracking-wider text-slate-400 hover:text-slate-600">
                <MenuIcon name={g.icon} className="size-3.5" /> {g.name}
                <Lock className="ml-auto size-3 text-amber-500" aria-label="not in your plan" />
                <ChevronRight className="size-3.5 transition-transform group-data-[state=open]:rotate-90" aria-hidden />
              </Collapsible.Trigger>
              <Collapsible.Content>{list}</Collapsible.Content>
            </Collapsible.Root>
          );
        })}
      </div>
      {footer}
    </nav>
  );
}

/** A locked item is an upgrade prompt, never "the current page" (its route shows the upgrade page, or the welcome page). */
function SidebarItem({ entry, href, active }: { entry: Entry; href: string; active: boolean }) {
  if (entry.locked) {
    const plan = entry.upgrade ? planShort(entry.upgrade.name) : null;
    return (
      <li>
        <Link
          href={href}
          data-locked="true"
          title={
            entry.upgrade
              ? `${entry.name} is included in the ${entry.upgrade.name}`
              : `${entry.name} is not included in your plan`
          }
          className="flex items-center gap-2.5 rounded-lg px-3 py-1.5 text-sm text-slate-400 transition-colors hover:bg-amber-50/60"
        >
          <MenuIcon name={entry.icon} className="size-4 shrink-0" />
          <span className="min-w-0 flex-1">
            <span className="block truncate">{entry.name}</span>
            <span className="flex items-center gap-1 text-[11px] font-medium text-amber-700">
              <Sparkles className="size-3" aria-hidden /> {plan ? `Upgrade to ${plan}` : "Not in your plan"}
            </span>
          </span>
          <Lock className="size-3.5 shrink-0 text-amber-500" aria-hidden />
        </Link>
      </li>
    );
  }
  return (
    <li>
      <Link
        href={href}
        aria-current={active ? "page" : undefined}
        className={cn(
          "flex items-center gap-2.5 rounded-lg px-3 py-1.5 text-sm transition-colors",
          active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
        )}
      >
        <MenuIcon name={entry.icon} className="size-4 shrink-0" />
        <span className="truncate">{entry.name}</span>
      </Link>
    </li>
  );
}
