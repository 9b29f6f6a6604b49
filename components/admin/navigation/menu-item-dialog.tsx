"use client";
import Link from "next/link";
import { useState } from "react";
import { CodePicker } from "@/components/admin/catalog/code-picker";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { Field, Label, Select, Textarea } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import type { ApiProblem } from "@/lib/query/api";
import type { MenuItem } from "@/lib/query/catalog";
import { useSaveMenuItem } from "@/lib/query/navigation";
import { placeErrors } from "./form-errors";
import { IconPicker } from "./icon-picker";
import type { NavNode } from "./model";

const KEYS = [
  "module_id",
  "code",
  "name",
  "description",
  "route",
  "resource",
  "permission_code",
  "icon",
  "is_active",
] as const;
type Key = (typeof KEYS)[number];

/** Create a menu item of the global navigation, or edit one (its code is immutable). Super-admins only. */
export function MenuItemDialog({
  open,
  onOpenChange,
  item,
  moduleId,
  modules,
  permissions,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  item: MenuItem | null;
  /** The module a new item starts in. */
  moduleId: string | null;
  /** Global modules, in tree order. */
  modules: NavNode[];
  /** The global catalog's codes, for the permission picker. */
  permissions: { code: string; name: string }[];
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {open && (
        <Body
          key={item?.id ?? "new"}
          item={item}
          moduleId={moduleId}
          modules={modules}
          permissions={permissions}
          done={() => onOpenChange(false)}
        />
      )}
    </Dialog>
  );
}

function Body({
  item,
  moduleId,
  modules,
  permissions,
  done,
}: {
  item: MenuItem | null;
  moduleId: string | null;
  modules: NavNode[];
  permissions: { code: string; name: string }[];
  done: () => void;
}) {
  const creating = item === null;
  const [form, setForm] = useState({
    module_id: item?.module_id ?? moduleId ?? modules[0]?.module.id ?? "",
    code: item?.code ?? "",
    name: item?.name ?? "",
    description: item?.description ?? "",
    route: item?.route ?? "",
    resource: item?.resource ?? "",
    permission_code: item?.permission_code ?? "",
    icon: item?.icon ?? "",
    is_active: item?.is_active ?? true,
  });
  const [error, setError] = useState<ApiProblem | null>(null);
  const [edited, setEdited] = useState<Set<Key>>(new Set());
  const save = useSaveMenuItem({ onSaved: done, onError: setError });
  const set = <K extends Key>(key: K, value: (typeof form)[K]) => {
    setForm((f) => {
      const next = { ...f, [key]: value };
      // Typing a new item's resource suggests its usual permission, `<resource>.view`, until one is chosen.
      if (key === "resource" && creating && (!f.permission_code || f.permission_code === `${f.resource}.view`))
        next.permission_code = value ? `${value}.view` : "";
      return next;
    });
    setEdited((e) => new Set(e).add(key));
  };
  const { fields, general } = placeErrors(error, KEYS);
  const err = (k: Key) => (edited.has(k) ? undefined : fields[k]);
  const a11y = (k: Key) => ({
    id: `item-${k}`,
    "aria-invalid": err(k) ? true : undefined,
    "aria-describedby": err(k) ? `item-${k}-error` : undefined,
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setEdited(new Set());
    const body = {
      module_id: form.module_id,
      name: form.name.trim(),
      description: form.description.trim() || null,
      route: form.route.trim(),
      resource: form.resource.trim(),
      permission_code: form.permission_code.trim(),
      icon: form.icon || null,
      is_active: form.is_active,
    };
    save.mutate({ id: item?.id ?? null, body: creating ? { ...body, code: form.code.trim() } : body });
  };
  return (
    <DialogContent
      wide
      title={creating ? "New menu item" : `Edit ${item.name}`}
      description={
        creating ? (
          <>
            A new item is in no plan yet: tenants on a plan see it once you include it under{" "}
            <Link href="/admin/plans" className="font-medium text-brand-700 underline">
              Plans
            </Link>
            .
          </>
        ) : (
          "Every attribute but the code can change. Every tenant's sidebar follows at once."
        )
      }
      footer={
        <>
          <DialogClose asChild>
            <Button variant="secondary" type="button">
              Cancel
            </Button>
          </DialogClose>
          <Button type="submit" form="menu-item-form" disabled={save.isPending}>
            {save.isPending ? "Saving…" : creating ? "Create menu item" : "Save changes"}
          </Button>
        </>
      }
    >
      <form id="menu-item-form" onSubmit={submit} noValidate className="space-y-4">
        {general && (
          <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {general}
          </p>
        )}
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="item-module_id" label="Module" error={err("module_id")}>
            <Select {...a11y("module_id")} value={form.module_id} onChange={(e) => set("module_id", e.target.value)}>
              {modules.map((m) => (
                <option key={m.module.id} value={m.module.id}>
                  {"\u00a0\u00a0".repeat(m.depth)}
                  {m.module.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            id="item-code"
            label="Code"
            error={err("code")}
            hint={creating ? "Unique in its module, e.g. invoices" : "Immutable"}
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
          <Field id="item-name" label="Name" error={err("name")} hint="As the sidebar shows it">
            <Input
              {...a11y("name")}
              value={form.name}
              onChange={(e) => set("name", e.target.value)}
              autoFocus={!creating}
            />
          </Field>
        </div>
        <Field
          id="item-description"
          label="Description"
          error={err("description")}
          hint="What the page is for, for admins and plan editors"
        >
          <Textarea
            {...a11y("description")}
            rows={2}
            value={form.description}
            onChange={(e) => set("description", e.target.value)}
          />
        </Field>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="item-route" label="Route" error={err("route")} hint="The product's path, e.g. /sales/invoices">
            <Input
              {...a11y("route")}
              value={form.route}
              onChange={(e) => set("route", e.target.value)}
              className="font-mono"
              spellCheck={false}
            />
          </Field>
          <Field
            id="item-resource"
            label="Resource"
            error={err("resource")}
            hint="The code prefix it owns (plans gate everything below it)"
          >
            <Input
              {...a11y("resource")}
              value={form.resource}
              onChange={(e) => set("resource", e.target.value)}
              className="font-mono"
              spellCheck={false}
            />
          </Field>
          <Field
            id="item-permission_code"
            label="Permission to see it"
            error={err("permission_code")}
            hint="From the global catalog"
          >
            <CodePicker
              id="item-permission_code"
              value={form.permission_code}
              onChange={(v) => set("permission_code", v)}
              options={permissions}
              invalid={!!err("permission_code")}
              describedBy={err("permission_code") ? "item-permission_code-error" : undefined}
            />
          </Field>
        </div>
        <div>
          <Label htmlFor="item-icon">Icon</Label>
          <IconPicker id="item-icon" value={form.icon} onChange={(v) => set("icon", v)} />
          {err("icon") && <p className="mt-1.5 text-sm text-red-600">{err("icon")}</p>}
        </div>
        <div className="flex items-center gap-2">
          <Checkbox
            id="item-is_active"
            checked={form.is_active}
            onCheckedChange={(v) => set("is_active", v === true)}
          />
          <Label htmlFor="item-is_active" className="mb-0">
            Active (an inactive item leaves every sidebar and gates nothing by plan)
          </Label>
        </div>
      </form>
    </DialogContent>
  );
}
