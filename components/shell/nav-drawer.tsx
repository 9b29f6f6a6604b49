"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { Menu, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { useHydrated } from "./use-hydrated";

/**
 * Below 768 px a frame's sidebar is hidden: this menu button (for the top bar's `menu` slot) opens
 * the same navigation in a drawer from the left (a Radix dialog: focus trapped, Escape and the
 * overlay close it). It closes itself when a link is followed or the route changes. The app's
 * product navigation and the admin console's sections both use it.
 */
export function NavDrawer({ description, children }: { description: string; children: React.ReactNode }) {
  const pathname = usePathname();
  // Open for the route it was opened on: following a link (a new pathname) closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (o: boolean) => setOpenOn(o ? pathname : null);
  const hydrated = useHydrated();
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger
        aria-label="Open navigation"
        data-nav-ready={hydrated || undefined}
        className="-ml-1.5 grid size-9 shrink-0 place-items-center rounded-lg text-slate-600 outline-none hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-500/40 md:hidden"
      >
        <Menu className="size-5" aria-hidden />
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40 md:hidden" />
        <Dialog.Content
          className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col bg-white py-4 shadow-xl ring-1 ring-slate-200 outline-none md:hidden"
          onClick={(e) => {
            if ((e.target as HTMLElement).closest("a[href]")) setOpen(false);
          }}
        >
          <div className="mb-2 flex items-center justify-between px-4">
            <Dialog.Title className="text-sm font-semibold text-slate-900">Navigation</Dialog.Title>
            <Dialog.Description className="sr-only">{description}</Dialog.Description>
            <Dialog.Close
              aria-label="Close navigation"
              className="rounded-md p-1.5 text-slate-400 outline-none hover:bg-slate-100 hover:text-slate-600 focus-visible:ring-2 focus-visible:ring-brand-500/40"
            >
              <X className="size-4" aria-hidden />
            </Dialog.Close>
          </div>
          <div className="min-h-0 flex-1 px-1">{children}</div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
