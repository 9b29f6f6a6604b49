"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { DialogContent } from "@/components/ui/dialog";
import { type Factor, FactorForm } from "./factor-form";

/**
 * The body of a dialog asking for a second factor (put it inside a `<Dialog open>`): the code
 * form, Cancel, and a submit button that stays disabled until a code of the right shape is typed.
 */
export function FactorDialogContent({
  title,
  description,
  submitLabel,
  submitIcon,
  tone = "primary",
  onSubmit,
  onCancel,
  allowRecovery = true,
  note,
}: {
  title: string;
  description?: React.ReactNode;
  submitLabel: string;
  submitIcon?: React.ReactNode;
  tone?: "primary" | "danger";
  onSubmit: (factor: Factor) => Promise<void>;
  onCancel: () => void;
  allowRecovery?: boolean;
  note?: React.ReactNode;
}) {
  const formId = useId();
  const [busy, setBusy] = useState(false);
  const [valid, setValid] = useState(false);
  return (
    <DialogContent
      title={title}
      description={description}
      footer={
        <>
          <Button type="button" variant="secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" form={formId} variant={tone} disabled={busy || !valid}>
            {submitIcon}
            {busy ? "Checking…" : submitLabel}
          </Button>
        </>
      }
    >
      <FactorForm
        formId={formId}
        onSubmit={onSubmit}
        onBusyChange={setBusy}
        onValidChange={setValid}
        allowRecovery={allowRecovery}
      />
      {note && <div className="mt-4 text-xs text-slate-500">{note}</div>}
    </DialogContent>
  );
}
