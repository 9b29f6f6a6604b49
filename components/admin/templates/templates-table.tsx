"use client";
import { Globe, LayoutTemplate, Pencil, Play, Plus, Search, Trash2 } from "lucide-react";
import { useDeferredValue, useState } from "react";
import { useCatalog } from "@/components/admin/roles/catalog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState, ErrorState } from "@/components/ui/empty-state";
import { SearchInput } from "@/components/ui/search-input";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { Tooltip } from "@/components/ui/tooltip";
import { formatDate } from "@/lib/format/dates";
import { problemDetail } from "@/lib/query/hooks";
import { useRoles } from "@/lib/query/roles";
import { type TemplateItem, useDeleteTemplate, useTemplates } from "@/lib/query/templates";
import { ApplyTemplateDialog } from "./apply-template-dialog";
import { type TemplateDialogMode, TemplateFormDialog } from "./template-form-dialog";

export interface TemplateAbilities {
  manage: boolean;
  apply: boolean;
  viewRoles: boolean;
  viewCatalog: boolean;
  isSuperAdmin: boolean;
}

/** The tenant's templates and the global ones: create, edit, delete, and apply one to a role. */
export function TemplatesTable({ can }: { can: TemplateAbilities }) {
  const [search, setSearch] = useState("");
  const [dialog, setDialog] = useState<TemplateDialogMode | null>(null);
  const [applying, setApplying] = useState<TemplateItem | null>(null);
  const [deleting, setDeleting] = useState<TemplateItem | null>(null);
  const list = useTemplates();
  const roles = useRoles(undefined, { enabled: can.viewRoles });
  // The catalog (a few hundred permissions) is fetched only while a dialog needs it.
  const catalog = useCatalog(can.viewCatalog && (dialog !== null || applying !== null));
  const term = useDeferredValue(search.trim().toLowerCase());
  const all = list.data?.data ?? [];
  const rows = all.filter(
    (t) => !term || t.name.toLowerCase().includes(term) || (t.description ?? "").toLowerCase().includes(term),
  );
  const mayEdit = (t: TemplateItem) => can.manage && (!t.is_global || can.isSuperAdmin);

  const remove = useDeleteTemplate<TemplateItem>({
    success: (_d, t) => `Deleted template ${t.name}`,
    onSuccess: () => setDeleting(null),
  });

  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-4 py-3">
        <SearchInput
          className="relative w-full max-w-xs"
          label="Search templates"
          placeholder="Search by name or description"
          value={search}
          onValueChange={setSearch}
        />
        <div className="flex items-center gap-3">
          <span className="text-sm text-slate-500">{list.data ? `${rows.length} of ${all.length} templates` : ""}</span>
          {can.manage && (
            <Button onClick={() => setDialog({ kind: "create" })}>
              <Plus className="size-4" aria-hidden />
              Create template
            </Button>
          )}
        </div>
      </div>

      {list.isError ? (
        <ErrorState
          title="Could not load the templates"
          detail={problemDetail(list.error)}
          onRetry={() => list.refetch()}
        />
      ) : list.isLoading ? (
        <div className="space-y-2 p-4" role="status" aria-label="Loading templates">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-12 w-full" />
          ))}
        </div>
      ) : rows.length === 0 ? (
        term ? (
          <EmptyState
            icon={Search}
            title={`No template matches “${search.trim()}”`}
            action={
              <Button variant="secondary" size="sm" onClick={() => setSearch("")}>
                Clear search
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={LayoutTemplate}
            title="No templates yet"
            description="Save a role's permissions as a template, or build one, to set up new roles in one step."
            action={
              can.manage ? (
                <Button size="sm" onClick={() => setDialog({ kind: "create" })}>
                  Create template
                </Button>
              ) : undefined
            }
          />
        )
      ) : (
        <Table aria-label="Templates">
          <thead>
            <tr>
              <Th>Template</Th>
              <Th>Permissions</Th>
              <Th>Updated</Th>
              <Th className="text-right">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => {
              const effects = Object.values(t.permissions);
              const allow = effects.filter((e) => e === "allow").length;
              return (
                <Tr key={t.id}>
                  <Td className="max-w-md">
                    <div className="flex flex-wrap items-center gap-2">
                      <button
                        type="button"
                        onClick={() =>
                          setDialog(mayEdit(t) ? { kind: "edit", template: t } : { kind: "view", template: t })
                        }
                        className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                      >
                        {t.name}
                      </button>
                      {t.is_global && (
                        <Badge tone="brand">
                          <Globe className="size-3" aria-hidden />
                          Global
                        </Badge>
                      )}
                    </div>
                    {t.description && <p className="mt-0.5 truncate text-xs text-slate-500">{t.description}</p>}
                  </Td>
                  <Td>
                    <span className="inline-flex gap-1.5">
                      <Badge tone="green">{allow} allow</Badge>
                      {effects.length - allow > 0 && <Badge tone="red">{effects.length - allow} deny</Badge>}
                    </span>
                  </Td>
                  <Td suppressHydrationWarning className="whitespace-nowrap text-slate-500">
                    {formatDate(t.updated_at)}
                  </Td>
                  <Td>
                    <div className="flex items-center justify-end gap-1">
                      {can.apply && (
                        <Button
                          variant="ghost"
                          size="sm"
                          aria-label={`Apply ${t.name} to a role`}
                          onClick={() => setApplying(t)}
                        >
                          <Play className="size-3.5" aria-hidden />
                          Apply
                        </Button>
                      )}
                      {mayEdit(t) ? (
                        <>
                          <Button
                            variant="ghost"
                            size="sm"
                            aria-label={`Edit ${t.name}`}
                            onClick={() => setDialog({ kind: "edit", template: t })}
                          >
                            <Pencil className="size-3.5 text-slate-500" aria-hidden />
                          </Button>
                          <Button
                            variant="ghost"
                            size="sm"
                            aria-label={`Delete ${t.name}`}
                            onClick={() => setDeleting(t)}
                          >
                            <Trash2 className="size-3.5 text-slate-500" aria-hidden />
                          </Button>
                        </>
                      ) : can.manage && t.is_global ? (
                        <Tooltip content="Global templates are shared by every tenant: only a platform super-admin can change them">
                          <span tabIndex={0} className="px-2 text-xs text-slate-400">
                            Read-only
                          </span>
                        </Tooltip>
                      ) : null}
                    </div>
                  </Td>
                </Tr>
              );
            })}
          </tbody>
        </Table>
      )}

      {dialog && (
        <TemplateFormDialog
          key={dialog.kind === "create" ? "create" : dialog.template.id}
          mode={dialog}
          onClose={() => setDialog(null)}
          roles={roles.data?.data ?? []}
          byCode={catalog.byCode}
          catalogAvailable={can.viewCatalog}
          catalogLoading={catalog.isLoading}
          isSuperAdmin={can.isSuperAdmin}
        />
      )}
      {applying && (
        <ApplyTemplateDialog
          open
          template={applying}
          byCode={catalog.byCode}
          onOpenChange={(o) => !o && setApplying(null)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          open
          onOpenChange={(o) => !o && setDeleting(null)}
          title={`Delete ${deleting.name}?`}
          confirmLabel="Delete template"
          busy={remove.isPending}
          description={
            <p>
              The template is removed{deleting.is_global ? " for every tenant" : ""}. Roles it was applied to keep their
              permissions.
            </p>
          }
          onConfirm={() => remove.mutate(deleting)}
        />
      )}
    </Card>
  );
}
