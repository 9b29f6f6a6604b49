"use client";

import { Lock } from "lucide-react";
import { MissingPermission } from "@/components/permissions/permission-gate";
import { cn } from "@/lib/utils";

/** Where a widget, tab or section would be: says what is missing rather than leaving a hole. */
export function LockedPanel({ title, code, className }: { title: string; code: string; className?: string }) {
  return (
    <div
      className={cn(
        "flex flex-col items-center justify-center gap-2 rounded-xl border border-dashed border-slate-300 bg-slate-50/60 px-4 py-8 text-center",
        className,
      )}
      data-locked-panel={code}
    >
      <span className="grid size-9 place-items-center rounded-full bg-white text-slate-400 ring-1 ring-slate-200">
        <Lock className="size-4" aria-hidden />
      </span>
      <p className="text-sm font-medium text-slate-600">{title}</p>
      <MissingPermission code={code} />
    </div>
  );
}
