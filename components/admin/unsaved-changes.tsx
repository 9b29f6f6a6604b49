"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** The link a click would follow inside the app, or null (another tab, a download, a modifier key, elsewhere). */
function inAppHref(e: MouseEvent): string | null {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return null;
  const a = e.target instanceof Element ? e.target.closest("a[href]") : null;
  if (!(a instanceof HTMLAnchorElement) || (a.target && a.target !== "_self") || a.hasAttribute("download"))
    return null;
  const url = new URL(a.href, window.location.href);
  if (url.origin !== window.location.origin) return null;
  const here = window.location;
  // Same page (an anchor, the same query): nothing is lost.
  if (url.pathname === here.pathname && url.search === here.search) return null;
  return url.pathname + url.search + url.hash;
}

/**
 * "Unsaved changes are never lost silently" (issue 13 §2): while `count` edits are pending, closing
 * the tab or reloading asks the browser's own question, and following a link inside the console
 * (the navigation, breadcrumbs, a row's link) asks this dialog first. Render what it returns.
 * The capture-phase listener on the document runs before Next's Link handler, so a refused click
 * navigates nowhere.
 */
export function useUnsavedChanges(count: number, what: string) {
  const router = useRouter();
  const [leavingTo, setLeavingTo] = useState<string | null>(null);
  const dirty = count > 0;
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    const onClick = (e: MouseEvent) => {
      if (!dirtyRef.current) return;
      const href = inAppHref(e);
      if (href === null) return;
      e.preventDefault();
      e.stopPropagation();
      setLeavingTo(href);
    };
    window.addEventListener("beforeunload", warn);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", warn);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty]);

  return (
    <ConfirmDialog
      open={leavingTo !== null}
      onOpenChange={(open) => !open && setLeavingTo(null)}
      title={`Leave with ${count} unsaved change${count === 1 ? "" : "s"}?`}
      description={`Your changes to ${what} are not saved. Leaving this page discards them.`}
      confirmLabel="Leave and discard"
      onConfirm={() => {
        const to = leavingTo;
        dirtyRef.current = false;
        setLeavingTo(null);
        if (to) router.push(to);
      }}
    />
  );
}
