"use client";
import { useCallback, useEffect, useMemo, useState } from "react";

/** Which role columns a viewer hides and pins; kept per viewer and tenant in this browser. */
export interface ColumnChoice {
  hidden: string[];
  pinned: string[];
}
const NONE: ColumnChoice = { hidden: [], pinned: [] };
/** At most this many pinned columns: beside the 440 px permission column, more would leave no room to scroll. */
export const MAX_PINNED = 3;

function read(key: string): ColumnChoice {
  try {
    const v = JSON.parse(window.localStorage.getItem(key) ?? "null") as Partial<ColumnChoice> | null;
    const ids = (x: unknown) => (Array.isArray(x) ? x.filter((i): i is string => typeof i === "string") : []);
    return v ? { hidden: ids(v.hidden), pinned: ids(v.pinned).slice(0, MAX_PINNED) } : NONE;
  } catch {
    return NONE;
  }
}

/**
 * The viewer's column choice, read after hydration (the server renders every column, in order)
 * and written back on every change. Roles that no longer exist are ignored, not an error.
 */
export function useColumnChoice<R extends { id: string }>(storageKey: string, roles: R[]) {
  const [choice, setChoice] = useState<ColumnChoice>(NONE);
  useEffect(() => setChoice(read(storageKey)), [storageKey]);
  const update = useCallback(
    (next: (c: ColumnChoice) => ColumnChoice) =>
      setChoice((c) => {
        const v = next(c);
        try {
          window.localStorage.setItem(storageKey, JSON.stringify(v));
        } catch {
          // Storage full or disabled: the choice lasts for this visit.
        }
        return v;
      }),
    [storageKey],
  );
  // Pinned first (in the order pinned), then the rest in their own order; hidden ones left out.
  const shown = useMemo(() => {
    const hidden = new Set(choice.hidden);
    const byId = new Map(roles.map((r) => [r.id, r]));
    const pinned = choice.pinned.map((id) => byId.get(id)).filter((r): r is R => !!r && !hidden.has(r.id));
    const pinnedIds = new Set(pinned.map((r) => r.id));
    return {
      roles: [...pinned, ...roles.filter((r) => !hidden.has(r.id) && !pinnedIds.has(r.id))],
      pinned: pinned.length,
    };
  }, [roles, choice]);

  const toggleShown = (id: string) =>
    update((c) =>
      c.hidden.includes(id)
        ? { ...c, hidden: c.hidden.filter((x) => x !== id) }
        : { hidden: [...c.hidden, id], pinned: c.pinned.filter((x) => x !== id) },
    );
  const togglePinned = (id: string) =>
    update((c) =>
      c.pinned.includes(id)
        ? { ...c, pinned: c.pinned.filter((x) => x !== id) }
        : {
            hidden: c.hidden.filter((x) => x !== id),
            pinned: [...c.pinned, id].slice(-MAX_PINNED),
          },
    );
  const reset = () => update(() => NONE);
  return { choice, shown, toggleShown, togglePinned, reset };
}
