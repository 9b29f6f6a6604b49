"use client";
import * as Popover from "@radix-ui/react-popover";
import { Columns3, Pin, PinOff } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { cn } from "@/lib/utils";
import { type ColumnChoice, MAX_PINNED } from "./use-column-choice";

/**
 * "Columns": tick the roles to show, pin up to three beside the permission column (they stay in
 * view while the rest scroll). The choice is remembered in this browser for this viewer.
 */
export function ColumnChooser({
  roles,
  choice,
  shownCount,
  onToggleShown,
  onTogglePinned,
  onReset,
}: {
  roles: { id: string; name: string }[];
  choice: ColumnChoice;
  shownCount: number;
  onToggleShown: (id: string) => void;
  onTogglePinned: (id: string) => void;
  onReset: () => void;
}) {
  const hidden = new Set(choice.hidden);
  const pinned = new Set(choice.pinned);
  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Columns: ${shownCount} of ${roles.length} roles shown`}>
          <Columns3 className="size-3.5" aria-hidden />
          Columns
          <span className="text-xs font-normal text-slate-500">
            {shownCount}/{roles.length}
            {pinned.size > 0 && ` · ${pinned.size} pinned`}
          </span>
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="start"
          sideOffset={6}
          className="z-50 w-72 rounded-xl border border-slate-200 bg-white p-3 shadow-lg"
          aria-label="Role columns"
        >
          <p className="mb-2 text-xs text-slate-600">
            Show the roles you work on; pin up to {MAX_PINNED} to keep them beside the permission column.
          </p>
          <ul className="max-h-80 space-y-0.5 overflow-y-auto">
            {roles.map((r) => {
              const shown = !hidden.has(r.id);
              const isPinned = pinned.has(r.id);
              return (
                <li key={r.id} className="flex items-center gap-2 rounded-md px-1 py-1 hover:bg-slate-50">
                  <Checkbox
                    id={`col-${r.id}`}
                    checked={shown}
                    onCheckedChange={() => onToggleShown(r.id)}
                    aria-label={`Show ${r.name}`}
                  />
                  <label htmlFor={`col-${r.id}`} className="min-w-0 flex-1 truncate text-sm text-slate-800">
                    {r.name}
                  </label>
                  <button
                    type="button"
                    onClick={() => onTogglePinned(r.id)}
                    aria-pressed={isPinned}
                    aria-label={`${isPinned ? "Unpin" : "Pin"} ${r.name}`}
                    className={cn(
                      "rounded p-1 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500",
                      isPinned ? "text-brand-700" : "text-slate-400",
                    )}
                  >
                    {isPinned ? <Pin className="size-3.5" aria-hidden /> : <PinOff className="size-3.5" aria-hidden />}
                  </button>
                </li>
              );
            })}
          </ul>
          <div className="mt-2 flex justify-end border-t border-slate-100 pt-2">
            <Button variant="ghost" size="sm" onClick={onReset}>
              Show all, unpin all
            </Button>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
