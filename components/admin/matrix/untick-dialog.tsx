"use client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import type { UntickRequest } from "./use-matrix-editor";

/** Asked before unticking a permission that other ticked permissions of the role depend on. */
export function UntickDialog({
  request,
  onCancel,
  onConfirm,
}: {
  request: UntickRequest | null;
  onCancel: () => void;
  onConfirm: (cascade: boolean) => void;
}) {
  const direct = request?.dependents.filter((d) => d.direct) ?? [];
  return (
    <Dialog open={request !== null} onOpenChange={(o) => !o && onCancel()}>
      {request && (
        <DialogContent
          title={`Untick ${request.what} for ${request.roleName}?`}
          description={`${request.dependents.length === 1 ? "This permission depends" : "These permissions depend"} on it. Without it ${request.dependents.length === 1 ? "it is" : "they are"} denied (the dependency rule), even while still ticked.`}
          footer={
            <>
              <Button variant="secondary" onClick={onCancel}>
                Cancel
              </Button>
              <Button variant="secondary" onClick={() => onConfirm(false)}>
                Untick only {request.what}
              </Button>
              {direct.length > 0 && (
                <Button variant="danger" onClick={() => onConfirm(true)}>
                  Untick all {request.remove.length + direct.length}
                </Button>
              )}
            </>
          }
        >
          <ul className="space-y-1 text-sm" aria-label="Depends on it">
            {request.dependents.map((d) => (
              <li key={d.code} className="flex items-center justify-between gap-3 rounded-md bg-slate-50 px-3 py-1.5">
                <code className="font-mono text-[13px] text-slate-900">{d.code}</code>
                <span className="text-xs text-slate-500">
                  {d.direct ? "ticked on this role" : "inherited — change it where it comes from"}
                </span>
              </li>
            ))}
          </ul>
        </DialogContent>
      )}
    </Dialog>
  );
}
