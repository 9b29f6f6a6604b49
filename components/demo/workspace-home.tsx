import { ArrowRight } from "lucide-react";
import Link from "next/link";
import { MenuIcon } from "@/components/product/icons";
import { appHref } from "@/components/product/routes";
import { Card, CardHeader } from "@/components/ui/card";
import type { MyMenus } from "@/lib/query/me";

/** The landing page for someone without the dashboard: everything their menus open, as cards. */
export function WorkspaceHome({ menus }: { menus: MyMenus }) {
  const items = menus.modules.flatMap((m) => m.items.map((i) => ({ ...i, module: m.name })));
  return (
    <Card>
      <CardHeader
        title="Open a part of the product"
        description={
          items.length
            ? `${items.length} screens are open to you`
            : "Your roles open no screen yet: ask an administrator."
        }
      />
      {/* Cells draw their own right and bottom rules, clipped at the card's edge: a last row that is not full leaves white, not a grey hole. */}
      <div className="overflow-hidden">
        <ul className="-mb-px -mr-px grid sm:grid-cols-2 lg:grid-cols-3">
          {items.map((i) => (
            <li key={i.id} className="border-b border-r border-slate-100 bg-white">
              <Link href={appHref(i.route)} className="group flex items-center gap-3 px-5 py-4 hover:bg-slate-50">
                <span className="grid size-9 place-items-center rounded-lg bg-brand-50 text-brand-600">
                  <MenuIcon name={i.icon} className="size-4" />
                </span>
                <span className="min-w-0 flex-1">
                  <span className="block text-sm font-medium">{i.name}</span>
                  <span className="block text-xs text-slate-500">{i.module}</span>
                </span>
                <ArrowRight className="size-4 text-slate-300 group-hover:text-slate-500" aria-hidden />
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </Card>
  );
}
