"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/form";
import { FieldError, Input } from "@/components/ui/input";
import { type CreatedApiKey, useCreateApiKey } from "@/lib/query/api-keys";
import type { ApiKeyScope } from "@/lib/validation/api-keys";
import { SCOPE_INFO, SCOPES } from "./scopes";

/** How long a new key works: days, or null for never (revoke it when its app no longer needs it). */
const LIFETIMES = [
  { days: 30, label: "30 days" },
  { days: 90, label: "90 days" },
  { days: 365, label: "1 year" },
  { days: null, label: "Never (until revoked)" },
] as const;

/** Name, scopes and lifetime; on success the parent shows the secret (once). Field errors come from the server's problem. */
export function CreateKeyDialog({
  open,
  onOpenChange,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: (key: CreatedApiKey) => void;
}) {
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiKeyScope[]>(["check"]);
  const [lifetime, setLifetime] = useState<number | null>(90);
  const [errors, setErrors] = useState<{ name?: string; scopes?: string }>({});
  const reset = () => {
    setName("");
    setScopes(["check"]);
    setLifetime(90);
    setErrors({});
  };
  const create = useCreateApiKey({
    onSuccess: (key) => {
      reset();
      onOpenChange(false);
      onCreated(key);
    },
    onError: (problem) => {
      const found = { name: problem.fieldError("name"), scopes: problem.fieldError("scopes") };
      if (found.name || found.scopes) {
        setErrors(found);
        return true;
      }
    },
  });
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const next = {
      name: name.trim() ? undefined : "Give the key a name",
      scopes: scopes.length ? undefined : "Choose at least one scope",
    };
    setErrors(next);
    if (next.name || next.scopes) return;
    create.mutate({
      name: name.trim(),
      scopes,
      expires_at: lifetime === null ? null : new Date(Date.now() + lifetime * 86_400_000).toISOString(),
    });
  };
  const toggle = (scope: ApiKeyScope, on: boolean) => {
    setScopes((s) => (on ? SCOPES.filter((x) => x === scope || s.includes(x)) : s.filter((x) => x !== scope)));
    setErrors((e) => ({ ...e, scopes: undefined }));
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (!o) reset();
        onOpenChange(o);
      }}
    >
      <DialogContent
        title="Create an API key"
        description="For an external app of this tenant. It acts with its scopes, never more than you hold."
        footer={
          <>
            <Button type="button" variant="secondary" onClick={() => onOpenChange(false)} disabled={create.isPending}>
              Cancel
            </Button>
            <Button type="submit" form="create-key-form" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create key"}
            </Button>
          </>
        }
      >
        <form id="create-key-form" onSubmit={submit} className="space-y-5" noValidate>
          <Field
            id="key-name"
            label="Name"
            error={errors.name}
            hint="Say which app or service uses it, e.g. “Billing service (production)”."
          >
            <Input
              id="key-name"
              value={name}
              maxLength={100}
              autoFocus
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={errors.name ? "key-name-error" : undefined}
              onChange={(e) => {
                setName(e.target.value);
                setErrors((x) => ({ ...x, name: undefined }));
              }}
            />
          </Field>
          <fieldset aria-describedby={errors.scopes ? "key-scopes-error" : undefined}>
            <legend className="mb-2 text-sm font-medium text-slate-700">Scopes</legend>
            <div className="space-y-2">
              {SCOPES.map((s) => (
                <label
                  key={s}
                  htmlFor={`scope-${s}`}
                  className="flex cursor-pointer items-start gap-3 rounded-lg border border-slate-200 p-3 hover:bg-slate-50 has-[[data-state=checked]]:border-brand-500 has-[[data-state=checked]]:bg-brand-50/40"
                >
                  <Checkbox
                    id={`scope-${s}`}
                    checked={scopes.includes(s)}
                    onCheckedChange={(c) => toggle(s, c === true)}
                    className="mt-0.5"
                    aria-describedby={`scope-${s}-hint`}
                  />
                  <span>
                    <span className="block text-sm font-medium text-slate-900">
                      {SCOPE_INFO[s].label} <code className="ml-1 font-mono text-xs text-slate-500">{s}</code>
                    </span>
                    <span id={`scope-${s}-hint`} className="block text-xs text-slate-500">
                      {SCOPE_INFO[s].hint}
                    </span>
                  </span>
                </label>
              ))}
            </div>
            <FieldError id="key-scopes-error">{errors.scopes}</FieldError>
          </fieldset>
          <Field
            id="key-expiry"
            label="Expires after"
            hint="An expired key is refused like a revoked one. Revoke a key as soon as its app no longer needs it."
          >
            <Select
              id="key-expiry"
              value={lifetime === null ? "never" : String(lifetime)}
              onChange={(e) => setLifetime(e.target.value === "never" ? null : Number(e.target.value))}
            >
              {LIFETIMES.map((l) => (
                <option key={l.label} value={l.days === null ? "never" : l.days}>
                  {l.label}
                </option>
              ))}
            </Select>
          </Field>
        </form>
      </DialogContent>
    </Dialog>
  );
}
