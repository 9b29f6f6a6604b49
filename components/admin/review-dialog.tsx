"use client";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The review before a write that changes many things at once (the matrix's save, a policy
 * import): what will change, laid out by the caller, then one confirm that sends it all or
 * nothing. While it is sent the dialog cannot be closed; a refusal is shown inside it.
 */
export function ReviewDialog({
  open,
  onOpenChange,
  title,
  description,
  total,
  busy,
  error,
  onConfirm,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  /** How many changes confirming sends (0 disables the confirm). */
  total: number;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog open={open} onOpenChange={(o) => !busy && onOpenChange(o)}>
      {open && (
        <DialogContent
          wide
          title={title}
          description={description}
          footer={
            <>
              <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={busy}>
                Keep editing
              </Button>
              <Button onClick={onConfirm} disabled={busy || total === 0}>
                {busy ? "Saving…" : `Confirm ${plural(total, "change")}`}
              </Button>
            </>
          }
        >
          <div className="space-y-4">
            {children}
            {error && (
              <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
                {error}
              </p>
            )}
          </div>
        </DialogContent>
      )}
    </Dialog>
  );
}
