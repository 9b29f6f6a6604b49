"use client";

import { KeyRound } from "lucide-react";
import { useId, useState } from "react";
import { Field } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { ApiProblem } from "@/lib/query/api";
import type { SecondFactor } from "@/lib/query/mfa";

/** What a person proves their second factor with: a TOTP code, or a recovery code. */
export type Factor = SecondFactor;

/** The server's message for a refused code, next to the field. */
export function factorError(error: unknown): string {
  if (error instanceof ApiProblem) {
    if (error.status === 429)
      return error.body.detail
        ? `Too many wrong codes. ${error.body.detail}`
        : "Too many wrong codes. Try again later.";
    return error.fieldError("code") ?? error.fieldError("recovery_code") ?? error.body.detail ?? error.message;
  }
  return "Could not check the code. Try again.";
}

/**
 * A form asking for a 6-digit code (or, when `allowRecovery`, a recovery code instead). The
 * parent renders the submit button with `form={formId}`; `onSubmit` throws to show an error.
 */
export function FactorForm({
  formId,
  onSubmit,
  allowRecovery = true,
  onBusyChange,
  onValidChange,
  hint,
}: {
  formId: string;
  onSubmit: (factor: Factor) => Promise<void>;
  allowRecovery?: boolean;
  onBusyChange?: (busy: boolean) => void;
  onValidChange?: (valid: boolean) => void;
  hint?: React.ReactNode;
}) {
  const [mode, setMode] = useState<"totp" | "recovery">("totp");
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const inputId = `${id}-code`;

  const update = (next: string) => {
    setValue(next);
    setError(null);
    onValidChange?.(mode === "totp" ? /^\d{6}$/.test(next.replace(/[\s-]/g, "")) : next.trim().length >= 10);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    onBusyChange?.(true);
    setError(null);
    try {
      await onSubmit(mode === "totp" ? { code: value.replace(/[\s-]/g, "") } : { recovery_code: value.trim() });
    } catch (e) {
      setError(factorError(e));
    } finally {
      onBusyChange?.(false);
    }
  };

  const switchMode = () => {
    setMode(mode === "totp" ? "recovery" : "totp");
    setValue("");
    setError(null);
    onValidChange?.(false);
  };

  return (
    <form id={formId} onSubmit={submit} className="space-y-3" noValidate>
      {mode === "totp" ? (
        <Field
          id={inputId}
          label="Authentication code"
          hint={hint ?? "The 6-digit code your authenticator app shows now."}
          error={error ?? undefined}
        >
          <Input
            id={inputId}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            autoFocus
            placeholder="123456"
            value={value}
            onChange={(e) => update(e.target.value)}
            aria-invalid={!!error}
            aria-describedby={error ? `${inputId}-error` : undefined}
            className="font-mono text-lg tracking-[0.35em]"
          />
        </Field>
      ) : (
        <Field
          id={inputId}
          label="Recovery code"
          hint="One of the codes you saved when you turned on two-factor authentication. Each works once."
          error={error ?? undefined}
        >
          <Input
            id={inputId}
            name="recovery_code"
            autoComplete="off"
            spellCheck={false}
            autoFocus
            placeholder="xxxxx-xxxxx"
            value={value}
            onChange={(e) => update(e.target.value)}
            aria-invalid={!!error}
            aria-describedby={error ? `${inputId}-error` : undefined}
            className="font-mono text-lg tracking-wider"
          />
        </Field>
      )}
      {allowRecovery && (
        <button
          type="button"
          onClick={switchMode}
          className="inline-flex items-center gap-1.5 rounded text-sm font-medium text-brand-700 hover:underline focus-visible:ring-2 focus-visible:ring-brand-500/40 focus-visible:outline-none"
        >
          <KeyRound className="size-3.5" aria-hidden />
          {mode === "totp" ? "Use a recovery code instead" : "Use a code from the app instead"}
        </button>
      )}
    </form>
  );
}
