"use client";

import { KeyRound } from "lucide-react";
import { usePathname } from "next/navigation";
import { createContext, useContext, useState } from "react";

interface LegendState {
  open: boolean;
  setOpen: (open: boolean) => void;
}
const Legend = createContext<LegendState | null>(null);

/** Shares the page legend's open state between the button by the title and the legend itself; closed again on navigation. */
export function PageLegendProvider({ children }: { children: React.ReactNode }) {
  const pathname = usePathname();
  // Open for the page it was opened on: navigating elsewhere closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const value = { open: openOn === pathname, setOpen: (o: boolean) => setOpenOn(o ? pathname : null) };
  return <Legend.Provider value={value}>{children}</Legend.Provider>;
}

/** The legend's state: the shared one under a provider, else a local one (a page rendered elsewhere). */
export function useLegendState(defaultOpen = false): LegendState {
  const shared = useContext(Legend);
  const [open, setOpen] = useState(defaultOpen);
  return shared ?? { open, setOpen };
}

export const LEGEND_ID = "page-permissions-legend";

/**
 * "What can I do here?" by the page title: opens the legend of the page's permissions (at the
 * bottom of the page) and brings it into view, so a newcomer finds it without scrolling.
 */
export function LegendButton() {
  const { setOpen } = useLegendState();
  const show = () => {
    setOpen(true);
    requestAnimationFrame(() =>
      document.getElementById(LEGEND_ID)?.scrollIntoView({ behavior: "smooth", block: "center" }),
    );
  };
  return (
    <button
      type="button"
      onClick={show}
      aria-controls={LEGEND_ID}
      className="inline-flex items-center gap-1.5 rounded-md px-1.5 py-0.5 text-xs font-medium text-brand-700 outline-none hover:bg-brand-50 focus-visible:ring-2 focus-visible:ring-brand-500/40"
    >
      <KeyRound className="size-3.5" aria-hidden /> What can I do here?
    </button>
  );
}
