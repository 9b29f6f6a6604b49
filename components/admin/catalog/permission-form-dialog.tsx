"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { Field, Label, Select, Textarea } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { CATEGORIES, RISK_LEVELS } from "@/lib/permissions/types";
import type { ApiProblem } from "@/lib/query/api";
import { type CatalogPermission, type PermissionInput, useSavePermission } from "@/lib/query/catalog";
import { CodePicker } from "./code-picker";
import type { FlatModule } from "./model";

interface FormState {
  code: string;
  name: string;
  description: string;
  module: string;
  category: string;
  resource: string;
  action: string;
  risk_level: string;
  requires_mfa: boolean;
  requires_approval: boolean;
  is_active: boolean;
  sort_order: string;
  deprecated: boolean;
  deprecated_message: string;
  replacement: string;
}

const blank: FormState = {
  code: "",
  name: "",
  description: "",
  module: "",
  category: "actions",
  resource: "",
  action: "",
  risk_level: "low",
  requires_mfa: false,
  requires_approval: false,
  is_active: true,
  sort_order: "0",
  deprecated: false,
  deprecated_message: "",
  replacement: "",
};

function fromPermission(p: CatalogPermission): FormState {
  return {
    code: p.code,
    name: p.name,
    description: p.description ?? "",
    module: p.module ?? "",
    category: p.category,
    resource: p.resource ?? "",
    action: p.action ?? "",
    risk_level: p.risk_level,
    requires_mfa: p.requires_mfa,
    requires_approval: p.requires_approval,
    is_active: p.is_active,
    sort_order: String(p.sort_order),
    deprecated: p.deprecated,
    deprecated_message: p.deprecated_message ?? "",
    replacement: p.replacement ?? "",
  };
}

const orNull = (s: string) => (s.trim() === "" ? null : s.trim());

function toBody(f: FormState, creating: boolean): PermissionInput {
  const sort = Number(f.sort_order);
  return {
    ...(creating ? { code: f.code.trim() } : {}),
    name: f.name.trim(),
    description: orNull(f.description),
    module: orNull(f.module),
    category: f.category as PermissionInput["category"],
    resource: orNull(f.resource),
    action: orNull(f.action),
    risk_level: f.risk_level as PermissionInput["risk_level"],
    requires_mfa: f.requires_mfa,
    requires_approval: f.requires_approval,
    is_active: f.is_active,
    sort_order: Number.isFinite(sort) ? sort : 0,
    deprecated: f.deprecated,
    deprecated_message: f.deprecated ? orNull(f.deprecated_message) : null,
    replacement: f.deprecated ? orNull(f.replacement) : null,
  };
}

/**
 * The server's errors, each put next to its field: zod paths (`body.name`), and the domain's
 * refusals that name what was wrong (a code taken, an unknown module or replacement).
 */
function fieldErrors(error: ApiProblem | null): {
  fields: Partial<Record<keyof FormState, string>>;
  general: string | null;
} {
  if (!error) return { fields: {}, general: null };
  const fields: Partial<Record<keyof FormState, string>> = {};
  for (const e of error.fieldErrors) {
    const key = e.path.replace(/^body\./, "").split(".")[0] as keyof FormState;
    if (key in blank) fields[key] ??= e.message;
  }
  const detail = error.body.detail ?? error.message;
  if (!error.fieldErrors.length) {
    if (error.body.unknown_module) fields.module = detail;
    else if (error.body.unknown_codes || /replacement/i.test(detail)) fields.replacement = detail;
    else if (error.body.permission_id || (error.status === 409 && /code|already/i.test(detail))) fields.code = detail;
  }
  if (Object.keys(fields).length) return { fields, general: null };
  const unplaced = error.fieldErrors.map((e) => `${e.path.replace(/^body\./, "")}: ${e.message}`).join("; ");
  return { fields, general: [detail, unplaced].filter(Boolean).join(" — ") };
}

/** Create a permission, or edit every attribute of one (its code is immutable). */
export function PermissionFormDialog({
  open,
  onOpenChange,
  permission,
  modules,
  candidates,
  target,
  onSaved,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  permission: CatalogPermission | null;
  modules: FlatModule[];
  candidates: { code: string; name: string }[];
  target: string;
  onSaved: (p: CatalogPermission) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {open && (
        <FormBody
          key={permission?.id ?? "new"}
          permission={permission}
          modules={modules}
          candidates={candidates}
          target={target}
          onSaved={onSaved}
        />
      )}
    </Dialog>
  );
}

function FormBody({
  permission,
  modules,
  candidates,
  target,
  onSaved,
}: {
  permission: CatalogPermission | null;
  modules: FlatModule[];
  candidates: { code: string; name: string }[];
  target: string;
  onSaved: (p: CatalogPermission) => void;
}) {
  const creating = permission === null;
  const [form, setForm] = useState<FormState>(() => (permission ? fromPermission(permission) : blank));
  const [error, setError] = useState<ApiProblem | null>(null);
  const save = useSavePermission({ onSaved, onError: setError });
  // A field's server error stays until that field is changed.
  const [edited, setEdited] = useState<Set<keyof FormState>>(new Set());
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setEdited((e) => new Set(e).add(key));
  };
  const { fields, general } = fieldErrors(error);
  const err = (k: keyof FormState) => (edited.has(k) ? undefined : fields[k]);
  const a11y = (k: keyof FormState) => ({
    id: `perm-${k}`,
    "aria-invalid": err(k) ? true : undefined,
    "aria-describedby": err(k) ? `perm-${k}-error` : undefined,
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setEdited(new Set());
    save.mutate({ id: permission?.id ?? null, body: toBody(form, creating) });
  };

  return (
    <DialogContent
      wide
      title={creating ? "New permission" : `Edit ${permission.code}`}
      description={
        creating ? (
          <>
            It will be added to <strong className="font-medium text-slate-700">{target}</strong>.
          </>
        ) : (
          "Every attribute but the code can change; to rename a code, create a new permission and deprecate this one."
        )
      }
      footer={
        <>
          <DialogClose asChild>
            <Button variant="secondary" type="button">
              Cancel
            </Button>
          </DialogClose>
          <Button type="submit" form="permission-form" disabled={save.isPending}>
            {save.isPending ? "Saving…" : creating ? "Create permission" : "Save changes"}
          </Button>
        </>
      }
    >
      <form id="permission-form" onSubmit={submit} noValidate className="space-y-5">
        {general && (
          <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {general}
          </p>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id="perm-code"
            label="Code"
            error={err("code")}
            hint={creating ? "1–6 lowercase segments joined by dots, e.g. reports.fleet.view" : "Immutable"}
          >
            <Input
              {...a11y("code")}
              value={form.code}
              onChange={(e) => set("code", e.target.value)}
              disabled={!creating}
              className="font-mono disabled:bg-slate-50 disabled:text-slate-500"
              autoFocus={creating}
              spellCheck={false}
            />
          </Field>
          <Field id="perm-name" label="Name" error={err("name")}>
            <Input
              {...a11y("name")}
              value={form.name}
              onChange={(e) => set("name", e.target.value)}
              autoFocus={!creating}
            />
          </Field>
        </div>
        <Field id="perm-description" label="Description" error={err("description")}>
          <Textarea
            {...a11y("description")}
            value={form.description}
            onChange={(e) => set("description", e.target.value)}
            rows={2}
          />
        </Field>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="perm-module" label="Module" error={err("module")}>
            <Select {...a11y("module")} value={form.module} onChange={(e) => set("module", e.target.value)}>
              <option value="">No module</option>
              {modules.map((m) => (
                <option key={m.id} value={m.code}>
                  {"\u00a0\u00a0".repeat(m.depth)}
                  {m.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="perm-category" label="Category" error={err("category")}>
            <Select {...a11y("category")} value={form.category} onChange={(e) => set("category", e.target.value)}>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {c[0]!.toUpperCase() + c.slice(1)}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="perm-risk_level" label="Risk level" error={err("risk_level")}>
            <Select {...a11y("risk_level")} value={form.risk_level} onChange={(e) => set("risk_level", e.target.value)}>
              {RISK_LEVELS.map((r) => (
                <option key={r} value={r}>
                  {r[0]!.toUpperCase() + r.slice(1)}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            id="perm-resource"
            label="Resource"
            error={err("resource")}
            hint="For the resource × action view, e.g. sales.invoices"
          >
            <Input
              {...a11y("resource")}
              value={form.resource}
              onChange={(e) => set("resource", e.target.value)}
              className="font-mono"
              spellCheck={false}
            />
          </Field>
          <Field id="perm-action" label="Action" error={err("action")} hint="e.g. view, create, export">
            <Input
              {...a11y("action")}
              value={form.action}
              onChange={(e) => set("action", e.target.value)}
              className="font-mono"
              spellCheck={false}
            />
          </Field>
          <Field id="perm-sort_order" label="Sort order" error={err("sort_order")}>
            <Input
              {...a11y("sort_order")}
              type="number"
              value={form.sort_order}
              onChange={(e) => set("sort_order", e.target.value)}
            />
          </Field>
        </div>
        <fieldset className="grid gap-3 rounded-lg border border-slate-200 p-4 sm:grid-cols-3">
          <legend className="px-1 text-sm font-medium text-slate-700">Behaviour</legend>
          <Flag
            id="perm-requires_mfa"
            label="Requires MFA"
            hint="Refused without a recent TOTP step-up"
            checked={form.requires_mfa}
            onChange={(v) => set("requires_mfa", v)}
          />
          <Flag
            id="perm-requires_approval"
            label="Requires approval"
            hint="Granting it needs a second admin"
            checked={form.requires_approval}
            onChange={(v) => set("requires_approval", v)}
          />
          <Flag
            id="perm-is_active"
            label="Active"
            hint="Inactive permissions are denied to all"
            checked={form.is_active}
            onChange={(v) => set("is_active", v)}
          />
        </fieldset>
        <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4">
          <legend className="px-1 text-sm font-medium text-slate-700">Deprecation</legend>
          <Flag
            id="perm-deprecated"
            label="Deprecated"
            hint="Still decided; checks name the replacement"
            checked={form.deprecated}
            onChange={(v) => set("deprecated", v)}
          />
          {form.deprecated && (
            <div className="grid gap-4 sm:grid-cols-2">
              <Field
                id="perm-replacement"
                label="Replacement"
                error={err("replacement")}
                hint="The code to use instead"
              >
                <CodePicker
                  id="perm-replacement"
                  value={form.replacement}
                  onChange={(v) => set("replacement", v)}
                  options={candidates}
                  invalid={!!err("replacement")}
                  describedBy={err("replacement") ? "perm-replacement-error" : undefined}
                />
              </Field>
              <Field id="perm-deprecated_message" label="Deprecation message" error={err("deprecated_message")}>
                <Input
                  {...a11y("deprecated_message")}
                  value={form.deprecated_message}
                  onChange={(e) => set("deprecated_message", e.target.value)}
                  placeholder="Why, and what to do instead"
                />
              </Field>
            </div>
          )}
        </fieldset>
      </form>
    </DialogContent>
  );
}

function Flag({
  id,
  label,
  hint,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  hint: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <div className="flex items-start gap-2.5">
      <Checkbox id={id} checked={checked} onCheckedChange={(v) => onChange(v === true)} className="mt-0.5" />
      <div>
        <Label htmlFor={id} className="mb-0">
          {label}
        </Label>
        <p className="text-xs text-slate-500">{hint}</p>
      </div>
    </div>
  );
}
