"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { Field, Label, Select, Textarea } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import type { ApiProblem } from "@/lib/query/api";
import type { ModuleItem } from "@/lib/query/catalog";
import { useSaveModule } from "@/lib/query/navigation";
import { placeErrors } from "./form-errors";
import { IconPicker } from "./icon-picker";
import type { NavNode } from "./model";

const KEYS = ["code", "name", "description", "parent_id", "icon", "color", "is_active"] as const;
type Key = (typeof KEYS)[number];

/** Create a module, or edit one (its code is immutable): parent, icon, colour, description, active. */
export function ModuleDialog({
  open,
  onOpenChange,
  module,
  parents,
  scope,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** null: a new module. */
  module: ModuleItem | null;
  /** The modules it may sit under (the same catalog), in tree order. */
  parents: NavNode[];
  /** Where a new module goes, in words ("the global catalog", "Acme's own modules"). */
  scope: string;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {open && (
        <Body
          key={module?.id ?? "new"}
          module={module}
          parents={parents}
          scope={scope}
          done={() => onOpenChange(false)}
        />
      )}
    </Dialog>
  );
}

function Body({
  module,
  parents,
  scope,
  done,
}: {
  module: ModuleItem | null;
  parents: NavNode[];
  scope: string;
  done: () => void;
}) {
  const creating = module === null;
  const [form, setForm] = useState({
    code: module?.code ?? "",
    name: module?.name ?? "",
    description: module?.description ?? "",
    parent_id: module?.parent_id ?? "",
    icon: module?.icon ?? "",
    color: module?.color ?? "",
    is_active: module?.is_active ?? true,
  });
  const [error, setError] = useState<ApiProblem | null>(null);
  const [edited, setEdited] = useState<Set<Key>>(new Set());
  const save = useSaveModule({ onSaved: done, onError: setError });
  const set = <K extends Key>(key: K, value: (typeof form)[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setEdited((e) => new Set(e).add(key));
  };
  const { fields, general } = placeErrors(error, KEYS);
  const err = (k: Key) => (edited.has(k) ? undefined : fields[k]);
  const a11y = (k: Key) => ({
    id: `module-${k}`,
    "aria-invalid": err(k) ? true : undefined,
    "aria-describedby": err(k) ? `module-${k}-error` : undefined,
  });
  // A module cannot move under itself or its own children.
  const below = new Set<string>();
  if (module) {
    const mark = (n: NavNode, inside: boolean) => {
      const here = inside || n.module.id === module.id;
      if (here) below.add(n.module.id);
      for (const c of n.children) mark(c, here);
    };
    for (const n of parents.filter((p) => p.depth === 0)) mark(n, false);
  }
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setEdited(new Set());
    const body = {
      name: form.name.trim(),
      description: form.description.trim() || null,
      parent_id: form.parent_id || null,
      icon: form.icon || null,
      color: form.color.trim() || null,
      is_active: form.is_active,
    };
    save.mutate({ id: module?.id ?? null, body: creating ? { ...body, code: form.code.trim() } : body });
  };
  return (
    <DialogContent
      wide
      title={creating ? "New module" : `Edit ${module.name}`}
      description={creating ? `It will be added to ${scope}.` : "Every attribute but the code can change."}
      footer={
        <>
          <DialogClose asChild>
            <Button variant="secondary" type="button">
              Cancel
            </Button>
          </DialogClose>
          <Button type="submit" form="module-form" disabled={save.isPending}>
            {save.isPending ? "Saving…" : creating ? "Create module" : "Save changes"}
          </Button>
        </>
      }
    >
      <form id="module-form" onSubmit={submit} noValidate className="space-y-4">
        {general && (
          <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {general}
          </p>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id="module-code"
            label="Code"
            error={err("code")}
            hint={creating ? "Lowercase letters, digits and _, e.g. fleet" : "Immutable"}
          >
            <Input
              {...a11y("code")}
              value={form.code}
              onChange={(e) => set("code", e.target.value)}
              disabled={!creating}
              className="font-mono"
              spellCheck={false}
              autoFocus={creating}
            />
          </Field>
          <Field id="module-name" label="Name" error={err("name")}>
            <Input
              {...a11y("name")}
              value={form.name}
              onChange={(e) => set("name", e.target.value)}
              autoFocus={!creating}
            />
          </Field>
        </div>
        <Field id="module-description" label="Description" error={err("description")}>
          <Textarea
            {...a11y("description")}
            rows={2}
            value={form.description}
            onChange={(e) => set("description", e.target.value)}
          />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="module-parent_id" label="Parent module" error={err("parent_id")}>
            <Select {...a11y("parent_id")} value={form.parent_id} onChange={(e) => set("parent_id", e.target.value)}>
              <option value="">None (top level)</option>
              {parents
                .filter((p) => !below.has(p.module.id))
                .map((p) => (
                  <option key={p.module.id} value={p.module.id}>
                    {"\u00a0\u00a0".repeat(p.depth)}
                    {p.module.name}
                  </option>
                ))}
            </Select>
          </Field>
          <Field id="module-color" label="Colour" error={err("color")} hint="Optional, as #rrggbb">
            <div className="flex items-center gap-2">
              <span
                aria-hidden
                className="size-9 shrink-0 rounded-md ring-1 ring-slate-300"
                style={{ background: /^#[0-9a-f]{6}$/i.test(form.color) ? form.color : "transparent" }}
              />
              <Input
                {...a11y("color")}
                value={form.color}
                placeholder="#2563eb"
                onChange={(e) => set("color", e.target.value)}
                className="font-mono"
              />
            </div>
          </Field>
        </div>
        <div>
          <Label htmlFor="module-icon">Icon</Label>
          <IconPicker id="module-icon" value={form.icon} onChange={(v) => set("icon", v)} />
          {err("icon") && <p className="mt-1.5 text-sm text-red-600">{err("icon")}</p>}
        </div>
        <div className="flex items-center gap-2">
          <Checkbox
            id="module-is_active"
            checked={form.is_active}
            onCheckedChange={(v) => set("is_active", v === true)}
          />
          <Label htmlFor="module-is_active" className="mb-0">
            Active (an inactive module hides its menu items from every sidebar)
          </Label>
        </div>
      </form>
    </DialogContent>
  );
}
