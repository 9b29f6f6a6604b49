"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { CatalogEntry } from "@/components/admin/roles/catalog-index";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field, Select, Textarea } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { problemDetail } from "@/lib/query/hooks";
import { type RoleListItem, roleQueries } from "@/lib/query/roles";
import { type TemplateItem, useSaveTemplate } from "@/lib/query/templates";
import { PermissionPicker, type PermissionSet } from "./permission-picker";

export type TemplateDialogMode =
  | { kind: "create" }
  | { kind: "edit"; template: TemplateItem }
  | { kind: "view"; template: TemplateItem };

/** Creates (from scratch or from a role's grants), edits or shows a template. */
export function TemplateFormDialog({
  mode,
  onClose,
  roles,
  byCode,
  catalogAvailable,
  catalogLoading,
  isSuperAdmin,
}: {
  mode: TemplateDialogMode;
  onClose: () => void;
  roles: RoleListItem[];
  byCode: Map<string, CatalogEntry>;
  catalogAvailable: boolean;
  catalogLoading: boolean;
  isSuperAdmin: boolean;
}) {
  const qc = useQueryClient();
  const initial = mode.kind === "create" ? null : mode.template;
  const readOnly = mode.kind === "view";
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [permissions, setPermissions] = useState<PermissionSet>((initial?.permissions ?? {}) as PermissionSet);
  const [global, setGlobal] = useState(false);
  const globalId = useId();
  const [fromRole, setFromRole] = useState("");
  const [loadingRole, setLoadingRole] = useState(false);

  const startFromRole = async (id: string) => {
    setFromRole(id);
    if (!id) return;
    setLoadingRole(true);
    try {
      const role = await qc.fetchQuery(roleQueries.detail(id));
      setPermissions(Object.fromEntries(role.permissions.map((p) => [p.code, "allow" as const])));
      if (!name.trim()) setName(`${role.name} template`);
      if (!description.trim() && role.description) setDescription(role.description);
    } finally {
      setLoadingRole(false);
    }
  };

  const body = { name: name.trim(), description: description.trim() || null, permissions };
  const save = useSaveTemplate({
    success: (t) => (mode.kind === "edit" ? `Saved ${t.name}` : `Created template ${t.name}`),
    onSuccess: onClose,
    onError: (e) => [400, 403, 409, 422].includes(e.status),
  });
  const err = save.error;
  const nameError = err?.fieldError("name") ?? (err?.status === 409 ? err.body.detail : undefined);
  const title =
    mode.kind === "create"
      ? "Create template"
      : mode.kind === "edit"
        ? `Edit ${mode.template.name}`
        : mode.template.name;
  const description_ =
    mode.kind === "view"
      ? mode.template.is_global
        ? "A global template, shared by every tenant. Only a platform super-admin can change it."
        : "You can apply it, but not change it."
      : "A named set of permissions: allowed codes are granted to a role it is applied to, denied codes removed from it.";

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent
        wide
        title={title}
        description={description_}
        footer={
          readOnly ? (
            <Button variant="secondary" onClick={onClose}>
              Close
            </Button>
          ) : (
            <>
              <Button variant="secondary" onClick={onClose} disabled={save.isPending}>
                Cancel
              </Button>
              <Button type="submit" form="template-form" disabled={!name.trim() || save.isPending || loadingRole}>
                {save.isPending ? "Saving…" : mode.kind === "edit" ? "Save changes" : "Create template"}
              </Button>
            </>
          )
        }
      >
        <form
          noValidate
          id="template-form"
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(
              mode.kind === "edit" ? { id: mode.template.id, body } : { id: null, body: { ...body, global } },
            );
          }}
        >
          {err && !nameError && (
            <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              <strong className="font-semibold">{err.body.title ?? "Not saved"}.</strong> {problemDetail(err)}
            </p>
          )}
          {!readOnly && (
            <div className="grid gap-4 md:grid-cols-2">
              <Field id="template-name" label="Name" error={nameError}>
                <Input
                  id="template-name"
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  maxLength={100}
                  required
                  autoFocus
                  aria-invalid={!!nameError}
                  placeholder="e.g. Billing starter kit"
                />
              </Field>
              {mode.kind === "create" ? (
                <Field
                  id="template-from-role"
                  label="Start from a role"
                  hint="Optional: its current grants become the template's allowed codes."
                >
                  <Select
                    id="template-from-role"
                    value={fromRole}
                    onChange={(e) => void startFromRole(e.target.value)}
                    disabled={loadingRole}
                  >
                    <option value="">From scratch</option>
                    {roles.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.name} ({r.grants_all ? "everything" : `${r.permission_count} permissions`})
                      </option>
                    ))}
                  </Select>
                </Field>
              ) : (
                <div />
              )}
            </div>
          )}
          {!readOnly ? (
            <Field id="template-description" label="Description">
              <Textarea
                id="template-description"
                value={description}
                onChange={(e) => setDescription(e.target.value)}
                maxLength={500}
                rows={2}
              />
            </Field>
          ) : initial?.description ? (
            <p className="text-sm text-slate-600">{initial.description}</p>
          ) : null}
          {mode.kind === "create" && isSuperAdmin && (
            <label className="flex items-start gap-2.5 text-sm" htmlFor={globalId}>
              <Checkbox
                id={globalId}
                className="mt-0.5"
                checked={global}
                onCheckedChange={(c) => setGlobal(c === true)}
                aria-label="Global template"
              />
              <span>
                <span className="font-medium text-slate-800">Global</span>
                <span className="block text-xs text-slate-500">
                  Every tenant sees it. Only global permission codes can be used.
                </span>
              </span>
            </label>
          )}
          <div>
            <p className="mb-1.5 text-sm font-medium text-slate-700">Permissions</p>
            <PermissionPicker
              value={permissions}
              onChange={setPermissions}
              byCode={byCode}
              readOnly={readOnly}
              catalogAvailable={catalogAvailable}
              loading={catalogLoading}
            />
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
