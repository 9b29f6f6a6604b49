"use client";
import { useCallback, useRef } from "react";

/**
 * One tooltip for a whole grid: any element inside with `data-tip` shows its text on hover and on
 * keyboard focus. Mounting a Radix tooltip per cell would cost thousands of components; this is one
 * DOM node moved by event delegation, so hovering never re-renders the grid.
 */
export function useSharedTooltip() {
  const tipRef = useRef<HTMLDivElement>(null);
  const anchorRef = useRef<HTMLElement | null>(null);

  const hide = useCallback(() => {
    const tip = tipRef.current;
    if (tip) tip.hidden = true;
    anchorRef.current = null;
  }, []);

  const place = useCallback((tip: HTMLDivElement, el: HTMLElement) => {
    const r = el.getBoundingClientRect();
    const below = r.top < 80;
    const half = tip.offsetWidth / 2 + 8;
    tip.style.left = `${Math.min(Math.max(r.left + r.width / 2, half), window.innerWidth - half)}px`;
    tip.style.top = `${below ? r.bottom + 8 : r.top - 8}px`;
    tip.style.transform = below ? "translate(-50%, 0)" : "translate(-50%, -100%)";
  }, []);

  const showFor = useCallback(
    (target: EventTarget | null, root: HTMLElement) => {
      const tip = tipRef.current;
      const el = target instanceof Element ? target.closest<HTMLElement>("[data-tip]") : null;
      if (!tip || !el || !root.contains(el) || !el.dataset.tip) return hide();
      anchorRef.current = el;
      tip.textContent = el.dataset.tip;
      tip.hidden = false;
      place(tip, el);
    },
    [hide, place],
  );

  // Scrolling moves the anchor (or unmounts its row): follow it, or hide.
  const onScroll = useCallback(() => {
    const tip = tipRef.current;
    const el = anchorRef.current;
    if (tip && el?.isConnected && el.dataset.tip) place(tip, el);
    else hide();
  }, [hide, place]);

  const handlers = {
    onPointerOver: (e: React.PointerEvent<HTMLElement>) => showFor(e.target, e.currentTarget),
    onPointerLeave: hide,
    onFocus: (e: React.FocusEvent<HTMLElement>) => showFor(e.target, e.currentTarget),
    onBlur: hide,
    onScroll,
  };

  const node = (
    <div
      ref={tipRef}
      role="tooltip"
      hidden
      className="pointer-events-none fixed z-50 w-max max-w-xs rounded-md bg-slate-900 px-2.5 py-1.5 text-xs leading-snug text-white shadow-lg"
    />
  );
  return { handlers, node };
}
