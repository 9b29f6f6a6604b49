"use client";
import { useState } from "react";
import type { CatalogEntry } from "@/components/admin/roles/catalog-index";
import { WriteProblem } from "@/components/admin/roles/stale-notice";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/form";
import { Skeleton } from "@/components/ui/skeleton";
import { approvalsNote, type RoleDetail, useRole, useRoles } from "@/lib/query/roles";
import { type TemplateItem, useApplyTemplate, useTemplates } from "@/lib/query/templates";

function CodeList({ codes, tone, sign }: { codes: string[]; tone: "green" | "red" | "amber"; sign: string }) {
  const shown = codes.slice(0, 12);
  return (
    <span className="mt-1 flex flex-wrap gap-1">
      {shown.map((c) => (
        <Badge key={c} tone={tone} className="font-mono">
          {sign}
          {c}
        </Badge>
      ))}
      {codes.length > shown.length && <Badge>+{codes.length - shown.length} more</Badge>}
    </span>
  );
}

/** What applying `template` to `role` would do: allowed codes it lacks are granted, denied codes it has are removed. */
export function previewApply(template: TemplateItem, role: RoleDetail, byCode: Map<string, CatalogEntry>) {
  const have = new Set(role.permissions.map((p) => p.code));
  const entries = Object.entries(template.permissions);
  const add = entries
    .filter(([c, e]) => e === "allow" && !have.has(c))
    .map(([c]) => c)
    .sort();
  const remove = entries
    .filter(([c, e]) => e === "deny" && have.has(c))
    .map(([c]) => c)
    .sort();
  const approval = add.filter((c) => byCode.get(c)?.permission.requires_approval);
  return { add: add.filter((c) => !approval.includes(c)), remove, approval };
}

/**
 * Applies a template to a role (POST /templates/{id}/apply), from either side: with `role` fixed
 * the admin picks the template, with `template` fixed the role. Shows the change before it is made,
 * and the grants that became approval requests after.
 */
export function ApplyTemplateDialog({
  open,
  onOpenChange,
  role: fixedRole,
  template: fixedTemplate,
  byCode,
  onReload,
}: {
  open: boolean;
  onOpenChange: (o: boolean) => void;
  role?: RoleDetail;
  template?: TemplateItem;
  byCode: Map<string, CatalogEntry>;
  onReload?: () => void;
}) {
  const [templateId, setTemplateId] = useState("");
  const [roleId, setRoleId] = useState("");
  const templates = useTemplates({ enabled: open && !fixedTemplate });
  const roles = useRoles(undefined, { enabled: open && !fixedRole });
  const chosenRole = useRole(roleId, { enabled: !fixedRole && !!roleId });
  const template = fixedTemplate ?? templates.data?.data.find((t) => t.id === templateId);
  const role = fixedRole ?? chosenRole.data;
  const preview = template && role ? previewApply(template, role, byCode) : null;

  const apply = useApplyTemplate({
    success: (r) => {
      const parts = [`+${r.added.length} granted`, `−${r.removed.length} removed`, approvalsNote(r)].filter(Boolean);
      return `Applied ${template!.name} to ${role!.name}: ${parts.join(", ")}`;
    },
    onSuccess: () => close(false),
    onError: (e) => [403, 409, 422].includes(e.status),
  });
  function close(o: boolean) {
    onOpenChange(o);
    if (!o) {
      setTemplateId("");
      setRoleId("");
      apply.reset();
    }
  }
  const reload = () => {
    apply.reset();
    if (fixedRole) onReload?.();
    else chosenRole.refetch();
  };

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent
        title={
          fixedRole ? `Apply a template to ${fixedRole.name}` : `Apply ${fixedTemplate?.name ?? "template"} to a role`
        }
        description="Allowed codes the role lacks are granted (at organization scope); denied codes it has are removed. Everything else stays."
        footer={
          <>
            <Button variant="secondary" onClick={() => close(false)} disabled={apply.isPending}>
              Cancel
            </Button>
            <Button
              onClick={() => apply.mutate({ templateId: template!.id, role: role! })}
              disabled={!template || !role || apply.isPending}
            >
              {apply.isPending ? "Applying…" : "Apply template"}
            </Button>
          </>
        }
      >
        <div className="space-y-4">
          <WriteProblem error={apply.error} onReload={reload} />
          {!fixedTemplate && (
            <Field id="apply-template" label="Template">
              <Select id="apply-template" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
                <option value="">{templates.isLoading ? "Loading templates…" : "Choose a template"}</option>
                {templates.data?.data.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name} ({t.permission_count} codes{t.is_global ? ", global" : ""})
                  </option>
                ))}
              </Select>
            </Field>
          )}
          {!fixedRole && (
            <Field id="apply-role" label="Role" hint="System roles cannot be changed.">
              <Select id="apply-role" value={roleId} onChange={(e) => setRoleId(e.target.value)}>
                <option value="">{roles.isLoading ? "Loading roles…" : "Choose a role"}</option>
                {roles.data?.data.map((r) => (
                  <option key={r.id} value={r.id} disabled={r.is_system}>
                    {r.name}
                    {r.is_system ? " (system)" : ""}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          {template && !role && roleId && <Skeleton className="h-20 w-full" />}
          {preview && (
            <section
              className="rounded-lg border border-slate-200 bg-slate-50 px-4 py-3 text-sm"
              aria-label="Resulting change"
            >
              <p className="font-medium text-slate-800">Resulting change to {role!.name}</p>
              {preview.add.length + preview.remove.length + preview.approval.length === 0 ? (
                <p className="mt-1 text-slate-500">Nothing: the role already matches this template.</p>
              ) : (
                <ul className="mt-2 space-y-2">
                  {preview.add.length > 0 && (
                    <li>
                      <span className="text-emerald-700">{preview.add.length} granted</span>
                      <CodeList codes={preview.add} tone="green" sign="+" />
                    </li>
                  )}
                  {preview.remove.length > 0 && (
                    <li>
                      <span className="text-red-700">{preview.remove.length} removed</span>
                      <CodeList codes={preview.remove} tone="red" sign="−" />
                    </li>
                  )}
                  {preview.approval.length > 0 && (
                    <li>
                      <span className="text-amber-800">
                        {preview.approval.length} will await a second admin&apos;s approval
                      </span>
                      <CodeList codes={preview.approval} tone="amber" sign="?" />
                    </li>
                  )}
                </ul>
              )}
            </section>
          )}
        </div>
      </DialogContent>
    </Dialog>
  );
}
