"use client";

import { type LucideIcon, ShieldCheck } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { useStepUp } from "@/components/mfa/step-up";
import { DisabledWithReason, missingSentence } from "@/components/permissions/permission-gate";
import { usePermissions } from "@/components/permissions/permission-provider";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field, Select, Textarea } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { ApiProblem } from "@/lib/query/api";
import { problemDetail, problemTitle } from "@/lib/query/hooks";

interface ActionAnswer {
  message?: string;
  csv?: string;
  filename?: string;
}
type ButtonLook = { variant?: "primary" | "secondary" | "ghost" | "danger"; size?: "sm" | "md" };

export interface GatedActionProps extends ButtonLook {
  /** The permission the action needs; the server route declares the same one. */
  code: string;
  label: string;
  icon?: LucideIcon;
  /** Calls the demo route (through the step-up: an MFA-protected action asks for a code, then retries). */
  run: () => Promise<unknown>;
  /** Hide the control without the permission, instead of showing it disabled with the reason. */
  hide?: boolean;
  confirm?: { title: string; description: React.ReactNode; confirmLabel: string };
  onDone?: (answer: ActionAnswer) => void;
  /** Disabled for a reason of the page's own (nothing selected yet), not a permission. */
  disabled?: boolean;
}

/** Runs an action through the step-up and reports the result; shared by buttons and forms. */
function useRunAction() {
  const stepUp = useStepUp();
  const [busy, setBusy] = useState(false);
  const perform = async (
    fn: () => Promise<unknown>,
    onDone?: (a: ActionAnswer) => void,
  ): Promise<ApiProblem | null> => {
    setBusy(true);
    try {
      const answer = ((await stepUp.run(fn)) ?? {}) as ActionAnswer;
      if (answer.csv && answer.filename) download(answer.filename, answer.csv);
      toast.success(answer.message ?? "Done", { description: "Demo: nothing was stored." });
      onDone?.(answer);
      return null;
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 400) return error;
      toast.error(problemTitle(error), { description: problemDetail(error) });
      return error instanceof ApiProblem ? error : null;
    } finally {
      setBusy(false);
    }
  };
  return { busy, perform };
}

function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv" }));
  const a = Object.assign(document.createElement("a"), { href: url, download: filename });
  a.click();
  URL.revokeObjectURL(url);
}

/**
 * The gate every demo action goes through: without the permission the control is disabled with
 * the reason (or hidden); in a read-only preview it is disabled too; an MFA-protected action is
 * marked as such and asks for a TOTP code when the server says `mfa_required`.
 */
function useActionGate(code: string, hide: boolean | undefined) {
  const p = usePermissions();
  if (!p.can(code))
    return hide
      ? { state: "hidden" as const }
      : { state: "denied" as const, reason: missingSentence([code], false, p.subject) };
  if (p.readOnly)
    return {
      state: "preview" as const,
      reason: `Read-only preview: ${p.subject ?? "this user"} may use this (${code})`,
    };
  return { state: "allowed" as const, mfa: p.requiresMfa(code) };
}

function ActionLabel({ icon: Icon, label, mfa }: { icon?: LucideIcon; label: string; mfa?: boolean }) {
  return (
    <>
      {Icon && <Icon className="size-4" aria-hidden />}
      {label}
      {mfa && (
        <span
          className="inline-flex items-center gap-0.5 rounded bg-amber-100 px-1 text-[10px] font-semibold uppercase text-amber-800"
          title="Asks for a second factor"
        >
          <ShieldCheck className="size-3" aria-hidden /> MFA
        </span>
      )}
    </>
  );
}

export function GatedAction({
  code,
  label,
  icon,
  run,
  hide,
  confirm,
  onDone,
  disabled,
  variant = "secondary",
  size = "sm",
}: GatedActionProps) {
  const gate = useActionGate(code, hide);
  const { busy, perform } = useRunAction();
  const [asking, setAsking] = useState(false);
  if (gate.state === "hidden") return null;
  const button = (
    <Button
      variant={variant}
      size={size}
      disabled={busy || disabled}
      data-permission={code}
      onClick={() => (confirm ? setAsking(true) : void perform(run, onDone))}
    >
      <ActionLabel icon={icon} label={busy ? `${label}…` : label} mfa={gate.state === "allowed" && gate.mfa} />
    </Button>
  );
  if (gate.state !== "allowed")
    return (
      <DisabledWithReason
        reason={gate.reason}
        missing={gate.state === "denied" ? [code] : []}
        badge={gate.state === "denied"}
      >
        {button}
      </DisabledWithReason>
    );
  return (
    <>
      {button}
      {confirm && (
        <ConfirmDialog
          open={asking}
          onOpenChange={setAsking}
          title={confirm.title}
          description={confirm.description}
          confirmLabel={confirm.confirmLabel}
          busy={busy}
          onConfirm={async () => {
            await perform(run, onDone);
            setAsking(false);
          }}
        />
      )}
    </>
  );
}

export interface FormField {
  name: string;
  label: string;
  kind?: "text" | "textarea" | "select";
  options?: { value: string; label: string }[];
  placeholder?: string;
  initial?: string;
}

const WHO_CAN_HELP = "An administrator of your organization can give the access back.";
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
/** "Add a note" → "You can no longer add a note." */
const lostSentence = (what: string) => `You can no longer ${lowerFirst(what)}.`;

/** Says once, in words, that an open dialog's action was just taken away (a live revocation). */
function RevokedWhileOpen({ open, revoked, what }: { open: boolean; revoked: boolean; what: string }) {
  const said = useRef(false);
  useEffect(() => {
    if (open && revoked && !said.current) {
      said.current = true;
      toast.warning(lostSentence(what), { description: "What you typed is kept. " + WHO_CAN_HELP });
    }
    if (!revoked) said.current = false;
  }, [open, revoked, what]);
  return null;
}

/** A gated action that first asks for a few fields (add a site, add a note…); server errors show by the field. */
export function GatedFormAction({
  code,
  label,
  icon,
  title,
  description,
  fields,
  submitLabel,
  send,
  variant = "secondary",
  size = "sm",
  hide,
}: Omit<GatedActionProps, "run" | "confirm" | "onDone" | "disabled"> & {
  title: string;
  description?: string;
  fields: FormField[];
  submitLabel: string;
  send: (values: Record<string, string>) => Promise<unknown>;
}) {
  const gate = useActionGate(code, hide);
  const { busy, perform } = useRunAction();
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const initial = () => Object.fromEntries(fields.map((f) => [f.name, f.initial ?? f.options?.[0]?.value ?? ""]));
  const [values, setValues] = useState<Record<string, string>>(initial);
  if (gate.state === "hidden") return null;
  const trigger = (
    <Button
      variant={variant}
      size={size}
      data-permission={code}
      onClick={() => {
        setValues(initial());
        setProblem(null);
        setOpen(true);
      }}
    >
      <ActionLabel icon={icon} label={label} mfa={gate.state === "allowed" && gate.mfa} />
    </Button>
  );
  const gated =
    gate.state === "allowed" ? (
      trigger
    ) : (
      <DisabledWithReason
        reason={gate.reason}
        missing={gate.state === "denied" ? [code] : []}
        badge={gate.state === "denied"}
      >
        {trigger}
      </DisabledWithReason>
    );
  // Closed: the gate is the button. Open: the dialog stays whatever happens to the permission
  // meanwhile (a live revocation must not throw away what the user typed); submitting asks again.
  if (gate.state !== "allowed" && !open) return gated;
  const revoked = gate.state !== "allowed";
  const formId = `form-${code.replace(/\./g, "-")}`;
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (revoked) {
      toast.error(lostSentence(title), { description: WHO_CAN_HELP });
      return;
    }
    const failed = await perform(() => send(values));
    if (failed?.status === 400) setProblem(failed);
    else if (!failed) setOpen(false);
  };
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      {gated}
      <RevokedWhileOpen open={open} revoked={revoked} what={title} />
      <DialogContent
        title={title}
        description={description}
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {revoked ? "Close" : "Cancel"}
            </Button>
            <Button
              type="submit"
              form={formId}
              disabled={busy}
              aria-describedby={revoked ? `${formId}-revoked` : undefined}
            >
              {busy ? "Working…" : submitLabel}
            </Button>
          </>
        }
      >
        {revoked && (
          <p
            id={`${formId}-revoked`}
            role="alert"
            className="mb-4 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
            data-testid="revoked-while-open"
          >
            {lostSentence(title)} Your access changed while this was open; what you typed is kept here so you can copy
            it. {WHO_CAN_HELP}
          </p>
        )}
        <form id={formId} onSubmit={submit} noValidate className="space-y-4">
          {fields.map((f) => {
            const id = `${formId}-${f.name}`;
            const error = problem?.fieldError(f.name);
            const common = {
              id,
              name: f.name,
              value: values[f.name] ?? "",
              "aria-invalid": !!error,
              "aria-describedby": error ? `${id}-error` : undefined,
            };
            const set = (v: string) => setValues((old) => ({ ...old, [f.name]: v }));
            return (
              <Field key={f.name} id={id} label={f.label} error={error}>
                {f.kind === "textarea" ? (
                  <Textarea {...common} placeholder={f.placeholder} onChange={(e) => set(e.target.value)} />
                ) : f.kind === "select" ? (
                  <Select {...common} onChange={(e) => set(e.target.value)}>
                    {f.options?.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </Select>
                ) : (
                  <Input {...common} placeholder={f.placeholder} onChange={(e) => set(e.target.value)} />
                )}
              </Field>
            );
          })}
        </form>
      </DialogContent>
    </Dialog>
  );
}
