"use client";
import * as D from "@radix-ui/react-dialog";
import { Archive, ArchiveRestore, Info, Lock, Pencil, Trash2, X } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatDateTime } from "@/lib/format/dates";
import { type CatalogPermission, useDeletePermission, useSavePermission } from "@/lib/query/catalog";
import { problemDetail, problemTitle } from "@/lib/query/hooks";
import { DependenciesEditor } from "./dependencies-editor";
import { DeprecateDialog } from "./deprecate-dialog";
import { HoldersList } from "./holders-list";
import { candidateCodes, type FlatModule } from "./model";
import { CategoryBadge, OriginBadge, PermissionFlags, RiskBadge } from "./permission-badges";
import { PermissionFormDialog } from "./permission-form-dialog";

/** One permission, every attribute of DESIGN §2, with what the viewer may do to it. */
export function PermissionDrawer({
  permission,
  onClose,
  editable,
  readOnlyReason,
  all,
  modules,
  onOpenCode,
  tenantName,
  canViewUsers,
}: {
  canViewUsers: boolean;
  permission: CatalogPermission | null;
  onClose: () => void;
  editable: boolean;
  readOnlyReason: string | null;
  all: CatalogPermission[];
  modules: FlatModule[];
  onOpenCode: (code: string) => void;
  tenantName: string;
}) {
  return (
    <D.Root open={permission !== null} onOpenChange={(o) => !o && onClose()}>
      <D.Portal>
        <D.Overlay className="fixed inset-0 z-40 bg-slate-900/20" />
        <D.Content
          className="fixed inset-y-0 right-0 z-40 flex w-full max-w-xl flex-col bg-white shadow-2xl ring-1 ring-slate-200 focus:outline-none"
          aria-describedby={undefined}
        >
          {permission && (
            <Body
              key={permission.id}
              permission={permission}
              onClose={onClose}
              editable={editable}
              readOnlyReason={readOnlyReason}
              all={all}
              modules={modules}
              onOpenCode={onOpenCode}
              tenantName={tenantName}
              canViewUsers={canViewUsers}
            />
          )}
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}

function Body({
  permission: p,
  onClose,
  editable,
  readOnlyReason,
  all,
  modules,
  onOpenCode,
  tenantName,
  canViewUsers,
}: {
  canViewUsers: boolean;
  permission: CatalogPermission;
  onClose: () => void;
  editable: boolean;
  readOnlyReason: string | null;
  all: CatalogPermission[];
  modules: FlatModule[];
  onOpenCode: (code: string) => void;
  tenantName: string;
}) {
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [editing, setEditing] = useState(false);
  const [deprecating, setDeprecating] = useState(false);
  const remove = useDeletePermission(() => {
    setConfirmDelete(false);
    onClose();
  });
  const restore = useSavePermission({
    onSaved: () => undefined,
    onError: (e) => toast.error(problemTitle(e), { description: problemDetail(e) }),
  });
  // A global permission may only depend on (or be replaced by) global ones: the API refuses the rest.
  const candidates = candidateCodes(all, p, p.is_global).map((c) => ({ code: c.code, name: c.name }));

  return (
    <>
      <header className="flex shrink-0 items-start justify-between gap-4 border-b border-slate-100 px-6 py-5">
        <div className="min-w-0">
          <D.Title className="break-all font-mono text-base font-semibold text-slate-900">{p.code}</D.Title>
          <p className="mt-1 text-sm text-slate-600">{p.name}</p>
          <div className="mt-2.5 flex flex-wrap items-center gap-1.5">
            <OriginBadge permission={p} />
            <CategoryBadge category={p.category} />
            <RiskBadge risk={p.risk_level} />
            <PermissionFlags permission={p} />
          </div>
          {/* In the header, not the scrolling body: the actions stay in view however far one scrolls. */}
          {!readOnlyReason && (
            <div className="mt-4 flex flex-wrap gap-2" role="group" aria-label="Actions">
              <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
                <Pencil className="size-3.5" aria-hidden />
                Edit
              </Button>
              {p.deprecated ? (
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={restore.isPending}
                  onClick={() => restore.mutate({ id: p.id, body: { deprecated: false } })}
                >
                  <ArchiveRestore className="size-3.5" aria-hidden />
                  Undo deprecation
                </Button>
              ) : (
                <Button size="sm" variant="secondary" onClick={() => setDeprecating(true)}>
                  <Archive className="size-3.5" aria-hidden />
                  Deprecate
                </Button>
              )}
              <Button
                size="sm"
                variant="ghost"
                className="text-red-700 hover:bg-red-50"
                onClick={() => setConfirmDelete(true)}
              >
                <Trash2 className="size-3.5" aria-hidden />
                Delete
              </Button>
            </div>
          )}
        </div>
        <D.Close
          className="rounded-md p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-600"
          aria-label="Close details"
        >
          <X className="size-5" aria-hidden />
        </D.Close>
      </header>
      <div className="min-h-0 flex-1 space-y-6 overflow-y-auto px-6 py-5">
        {readOnlyReason && (
          <p
            role="note"
            className="flex gap-2 rounded-lg border border-slate-200 bg-slate-50 px-3 py-2.5 text-sm text-slate-700"
          >
            {p.is_system ? (
              <Lock className="mt-0.5 size-4 shrink-0 text-slate-500" aria-hidden />
            ) : (
              <Info className="mt-0.5 size-4 shrink-0 text-slate-500" aria-hidden />
            )}
            <span>
              <strong className="font-medium">Read-only.</strong> {readOnlyReason}
            </span>
          </p>
        )}

        {p.deprecated && (
          <section className="rounded-lg border border-red-200 bg-red-50/60 px-4 py-3 text-sm">
            <h3 className="font-medium text-red-800">Deprecated</h3>
            {p.deprecated_message && <p className="mt-1 text-red-800/90">{p.deprecated_message}</p>}
            <p className="mt-1 text-red-800/90">
              Replacement:{" "}
              {p.replacement ? (
                <button type="button" className="font-mono underline" onClick={() => onOpenCode(p.replacement!)}>
                  {p.replacement}
                </button>
              ) : (
                <span className="italic">none named</span>
              )}
            </p>
          </section>
        )}

        <section>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Description</h3>
          <p className="text-sm text-slate-700">
            {p.description || <span className="italic text-slate-400">No description</span>}
          </p>
        </section>

        <section>
          <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Attributes</h3>
          <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
            <Attr label="Module">
              {p.module_name ? (
                <>
                  {p.module_name} <code className="ml-1 font-mono text-xs text-slate-400">{p.module}</code>
                </>
              ) : (
                <Muted>None</Muted>
              )}
            </Attr>
            <Attr label="Category">
              <span className="capitalize">{p.category}</span>
            </Attr>
            <Attr label="Resource · action">
              {p.resource || p.action ? (
                <code className="font-mono text-[13px]">
                  {p.resource ?? "—"} · {p.action ?? "—"}
                </code>
              ) : (
                <Muted>Not set</Muted>
              )}
            </Attr>
            <Attr label="Risk level">
              <span className="capitalize">{p.risk_level}</span>
            </Attr>
            <Attr label="Requires MFA">{p.requires_mfa ? "Yes — a TOTP step-up within 15 minutes" : "No"}</Attr>
            <Attr label="Requires approval">
              {p.requires_approval ? "Yes — granting it needs a second admin" : "No"}
            </Attr>
            <Attr label="Status">{p.is_active ? "Active" : "Inactive — denied to everyone"}</Attr>
            <Attr label="Catalog">
              {p.is_system
                ? "System (Gatehouse's own, read-only)"
                : p.is_global
                  ? "Global (shared by every tenant)"
                  : `Custom (${tenantName} only)`}
            </Attr>
            <Attr label="Sort order">
              <span className="tabular-nums">{p.sort_order}</span>
            </Attr>
            <Attr label="Updated">
              <time dateTime={p.updated_at}>{formatDateTime(p.updated_at)} UTC</time>
            </Attr>
          </dl>
        </section>

        <section>
          <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Who has it</h3>
          <HoldersList code={p.code} canViewUsers={canViewUsers} />
        </section>

        <section>
          <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Dependencies</h3>
          <DependenciesEditor
            key={p.id}
            permission={p}
            editable={editable}
            candidates={candidates}
            onOpenCode={onOpenCode}
          />
        </section>
      </div>

      <PermissionFormDialog
        open={editing}
        onOpenChange={setEditing}
        permission={p}
        modules={modules}
        candidates={candidates}
        target={tenantName}
        onSaved={() => setEditing(false)}
      />
      <DeprecateDialog permission={p} open={deprecating} onOpenChange={setDeprecating} candidates={candidates} />
      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title={`Delete ${p.code}?`}
        confirmLabel="Delete permission"
        busy={remove.isPending}
        onConfirm={() => remove.mutate(p)}
        description={
          <>
            Every role grant and user override of <code className="font-mono">{p.code}</code> is removed with it, and
            checks of it will answer “unknown”. Deprecating it first lets apps move to a replacement.
          </>
        }
      />
    </>
  );
}

function Attr({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 text-slate-800">{children}</dd>
    </>
  );
}
const Muted = ({ children }: { children: React.ReactNode }) => (
  <span className="italic text-slate-400">{children}</span>
);
