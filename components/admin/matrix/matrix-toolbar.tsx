"use client";
import { CircleCheck, Clock, Info, Save, TriangleAlert, Undo2, X } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import type { GatehouseCode } from "@/lib/permissions/gatehouse-codes";
import { cn } from "@/lib/utils";
import type { Note } from "./use-matrix-editor";

function Swatch({ className, children }: { className: string; children: React.ReactNode }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <span aria-hidden className={cn("inline-block size-3.5 rounded", className)} />
      {children}
    </span>
  );
}

/** What the cell styles mean: a line under the grid. */
export function MatrixLegend() {
  return (
    <div
      role="group"
      className="flex shrink-0 flex-wrap items-center gap-x-4 gap-y-1 border-t border-slate-100 bg-slate-50/60 px-4 py-2 text-xs text-slate-600"
      aria-label="Legend"
    >
      <Swatch className="bg-brand-600">Granted</Swatch>
      <Swatch className="border border-dashed border-brand-400 bg-brand-100">Inherited or implied</Swatch>
      <Swatch className="bg-slate-300">Admin: everything</Swatch>
      <Swatch className="bg-emerald-100 ring-1 ring-emerald-300">To grant</Swatch>
      <Swatch className="bg-red-100 ring-1 ring-red-300">To revoke</Swatch>
      <Swatch className="bg-amber-100 ring-1 ring-amber-300">Needs approval</Swatch>
      <Swatch className="border border-slate-200 bg-slate-100">Not in your plan</Swatch>
      <Swatch className="border border-slate-400 bg-slate-100 bg-[linear-gradient(45deg,transparent_45%,#64748b_45%,#64748b_55%,transparent_55%)]">
        Inert: outside the plan
      </Swatch>
      <span className="inline-flex items-center gap-1">
        <Clock className="size-3.5 text-amber-600" aria-hidden />
        Awaiting approval
      </span>
    </div>
  );
}

/** The rows shown (left); the unsaved-changes counter with Discard and Save (right). */
export function MatrixToolbar({
  count,
  canManage,
  onDiscard,
  onSave,
  children,
}: {
  count: number;
  canManage: boolean;
  onDiscard: () => void;
  onSave: () => void;
  children?: React.ReactNode;
}) {
  return (
    <div className="flex shrink-0 flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-4 py-1.5">
      {children}
      {canManage ? (
        <div className="ml-auto flex items-center gap-2">
          <span
            role="status"
            className={cn(
              "rounded-full px-2.5 py-0.5 text-xs font-medium",
              count ? "bg-brand-50 text-brand-700 ring-1 ring-brand-100" : "text-slate-500",
            )}
          >
            {count ? `${count} unsaved change${count === 1 ? "" : "s"}` : "No unsaved changes"}
          </span>
          <Button
            size="sm"
            variant="ghost"
            onClick={onDiscard}
            disabled={!count}
            title={count ? undefined : "Nothing to discard: no unsaved changes"}
          >
            <Undo2 className="size-3.5" aria-hidden />
            Discard
          </Button>
          <Button
            size="sm"
            onClick={onSave}
            disabled={!count}
            title={count ? undefined : "Nothing to save yet: tick or untick a box first"}
          >
            <Save className="size-3.5" aria-hidden />
            Save…
          </Button>
        </div>
      ) : (
        <span className="ml-auto text-xs text-slate-500">
          Read-only: changing grants needs{" "}
          <code className="font-mono">{"gatehouse.roles.manage" satisfies GatehouseCode}</code>
        </span>
      )}
    </div>
  );
}

const TONE = {
  info: { box: "border-brand-100 bg-brand-50 text-brand-900", icon: Info },
  success: { box: "border-emerald-200 bg-emerald-50 text-emerald-900", icon: CircleCheck },
  warn: { box: "border-amber-200 bg-amber-50 text-amber-900", icon: TriangleAlert },
} as const;

/** The latest thing the matrix did on its own (dependencies ticked, edits dropped on reload, approvals). */
export function NoteBar({ note, onClose }: { note: Note | null; onClose: () => void }) {
  const tone = note ? TONE[note.tone] : null;
  return (
    <div role="status" aria-live="polite" className={note ? "shrink-0" : "sr-only"}>
      {note && tone && (
        <div data-testid="matrix-note" className={cn("flex items-start gap-2 border-b px-4 py-2 text-sm", tone.box)}>
          <tone.icon className="mt-0.5 size-4 shrink-0" aria-hidden />
          <p className="min-w-0 flex-1">
            {note.text}
            {note.approvalsLink && (
              <>
                {" "}
                <Link href="/admin/approvals" className="font-medium underline">
                  Open approvals
                </Link>
              </>
            )}
          </p>
          <button type="button" onClick={onClose} className="rounded p-0.5 hover:bg-black/5" aria-label="Dismiss note">
            <X className="size-3.5" aria-hidden />
          </button>
        </div>
      )}
    </div>
  );
}
