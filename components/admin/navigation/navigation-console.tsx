"use client";
import { ArrowDown, ArrowUp, PanelLeft, Pencil, Plus, Power, Trash2 } from "lucide-react";
import { useMemo, useState } from "react";
import { toast } from "sonner";
import { MenuIcon } from "@/components/product/icons";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { type MenuItem, type ModuleItem, useMenuItems, useModules, usePermissionGroups } from "@/lib/query/catalog";
import { useDeleteMenuItem, useDeleteModule, useSaveMenuItem, useSaveModule } from "@/lib/query/navigation";
import { cn } from "@/lib/utils";
import { MenuItemDialog } from "./menu-item-dialog";
import { flatten, type NavNode, navigationTree, reorderPatches } from "./model";
import { ModuleDialog } from "./module-dialog";

type Editing =
  | { kind: "module"; module: ModuleItem | null }
  | { kind: "item"; item: MenuItem | null; moduleId: string | null }
  | null;
type Deleting = { kind: "module"; module: ModuleItem } | { kind: "item"; item: MenuItem } | null;

/**
 * The navigation catalog as a tree: modules, their child modules and their menu items, in the
 * order every sidebar shows them. Super-admins edit all of it; a tenant admin reads the global
 * tree and manages the tenant's own modules (which group its custom permissions). Reordering is
 * by the up and down buttons (keyboard-reachable); every change reaches every sidebar live.
 */
export function NavigationConsole({
  canManage,
  isSuperAdmin,
  tenantName,
}: {
  canManage: boolean;
  isSuperAdmin: boolean;
  tenantName: string;
}) {
  const modules = useModules().data?.data ?? [];
  const items = useMenuItems().data?.data ?? [];
  const groups = usePermissionGroups().data;
  const tree = useMemo(() => navigationTree(modules, items), [modules, items]);
  const flat = useMemo(() => flatten(tree), [tree]);
  // A tenant's modules sit only under its own: its roots are a tree of their own, shown first.
  const ownRoots = tree.filter((n) => !n.module.is_global);
  const globalRoots = tree.filter((n) => n.module.is_global);
  const globalCodes = useMemo(() => {
    const out: { code: string; name: string }[] = [];
    const walk = (ns: NonNullable<typeof groups>["modules"]) => {
      for (const n of ns) {
        for (const p of n.permissions) if (p.is_global) out.push({ code: p.code, name: p.name });
        walk(n.children);
      }
    };
    if (groups) {
      walk(groups.modules);
      for (const p of groups.ungrouped) if (p.is_global) out.push({ code: p.code, name: p.name });
    }
    return out.sort((a, b) => (a.code < b.code ? -1 : 1));
  }, [groups]);
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Deleting>(null);
  const saveModule = useSaveModule();
  const saveItem = useSaveMenuItem();
  const deleteModule = useDeleteModule(() => setDeleting(null));
  const deleteItem = useDeleteMenuItem(() => setDeleting(null));

  const mayEdit = (m: ModuleItem) => canManage && (m.is_global ? isSuperAdmin : true);
  const mayEditItems = canManage && isSuperAdmin;
  // Modules the dialog may nest a module under: the same catalog as the one written.
  const parentsFor = (global: boolean) => flat.filter((n) => n.module.is_global === global);
  const ownScope = isSuperAdmin ? "the global catalog" : `${tenantName}’s own modules`;

  const move = async (
    kind: "module" | "item",
    list: { id: string; sort_order: number; name: string }[],
    index: number,
    dir: -1 | 1,
  ) => {
    const patches = reorderPatches(list, index, dir);
    try {
      for (const p of patches)
        if (kind === "module")
          await saveModule.mutateAsync({ id: p.id, body: { sort_order: p.sort_order }, quiet: true });
        else await saveItem.mutateAsync({ id: p.id, body: { sort_order: p.sort_order }, quiet: true });
      if (patches.length) toast.success(`Moved ${list[index]!.name} ${dir < 0 ? "up" : "down"}`);
    } catch {
      // The hook has shown the problem.
    }
  };
  const toggleModule = (m: ModuleItem) =>
    saveModule.mutate({ id: m.id, body: { is_active: !m.is_active }, quiet: false });
  const toggleItem = (i: MenuItem) => saveItem.mutate({ id: i.id, body: { is_active: !i.is_active }, quiet: false });
  const busy = saveModule.isPending || saveItem.isPending;

  const renderNode = (node: NavNode, siblings: NavNode[], index: number): React.ReactNode => {
    const m = node.module;
    const editable = mayEdit(m);
    // Reordered among the siblings of the same catalog (a tenant's modules among its own).
    const peers = siblings.filter((s) => s.module.is_global === m.is_global).map((s) => s.module);
    const at = peers.findIndex((p) => p.id === m.id);
    return (
      <li
        key={m.id}
        className={cn(node.depth > 0 && "border-l border-slate-200 pl-3 sm:pl-5")}
        data-testid={`module-${m.code}`}
      >
        <div className="flex flex-wrap items-start gap-x-3 gap-y-2 py-2.5">
          <span
            className="flex size-8 shrink-0 items-center justify-center rounded-md bg-slate-100 text-slate-700"
            style={m.color ? { boxShadow: `inset 0 -3px 0 ${m.color}` } : undefined}
          >
            <MenuIcon name={m.icon} className="size-4" />
          </span>
          <div className="min-w-0 flex-1">
            <h3 className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
              {m.name}
              <code className="text-xs font-normal text-slate-600">{m.code}</code>
              {m.is_global ? <Badge>Global</Badge> : <Badge tone="brand">{tenantName}’s own</Badge>}
              {!m.is_active && <Badge tone="amber">Inactive</Badge>}
            </h3>
            {m.description && <p className="mt-0.5 text-sm text-slate-600">{m.description}</p>}
          </div>
          {editable && (
            <div className="flex flex-wrap items-center gap-1">
              <IconButton
                label={`Move ${m.name} up`}
                disabled={busy || at <= 0}
                onClick={() => move("module", peers, at, -1)}
              >
                <ArrowUp className="size-4" aria-hidden />
              </IconButton>
              <IconButton
                label={`Move ${m.name} down`}
                disabled={busy || at >= peers.length - 1}
                onClick={() => move("module", peers, at, 1)}
              >
                <ArrowDown className="size-4" aria-hidden />
              </IconButton>
              <IconButton label={`Edit ${m.name}`} onClick={() => setEditing({ kind: "module", module: m })}>
                <Pencil className="size-4" aria-hidden />
              </IconButton>
              <IconButton
                label={`${m.is_active ? "Deactivate" : "Activate"} ${m.name}`}
                disabled={busy}
                onClick={() => toggleModule(m)}
              >
                <Power className="size-4" aria-hidden />
              </IconButton>
              <IconButton label={`Delete ${m.name}`} onClick={() => setDeleting({ kind: "module", module: m })}>
                <Trash2 className="size-4" aria-hidden />
              </IconButton>
              {m.is_global && mayEditItems && (
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => setEditing({ kind: "item", item: null, moduleId: m.id })}
                >
                  <Plus className="size-4" aria-hidden />
                  Menu item
                </Button>
              )}
            </div>
          )}
        </div>
        {node.items.length > 0 && (
          <ul aria-label={`Menu items of ${m.name}`} className="mb-2 ml-4 space-y-1 sm:ml-11">
            {node.items.map((item, i) => (
              <ItemRow
                key={item.id}
                item={item}
                editable={mayEditItems}
                busy={busy}
                first={i === 0}
                last={i === node.items.length - 1}
                onMove={(dir) => move("item", node.items, i, dir)}
                onEdit={() => setEditing({ kind: "item", item, moduleId: item.module_id })}
                onToggle={() => toggleItem(item)}
                onDelete={() => setDeleting({ kind: "item", item })}
              />
            ))}
          </ul>
        )}
        {node.children.length > 0 && (
          <ul className="ml-4">{node.children.map((c, i) => renderNode(c, node.children, i))}</ul>
        )}
      </li>
    );
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200">
        <p className="max-w-2xl text-sm text-slate-600">
          {isSuperAdmin
            ? "Modules group permissions and menu items; menu items are the product's sidebar, each shown to who holds its permission, on plans that include it."
            : `The global navigation is read-only here. ${canManage ? `Add ${tenantName}’s own modules to group your custom permissions.` : ""}`}
        </p>
        {canManage && (
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => setEditing({ kind: "module", module: null })}>
              <Plus className="size-4" aria-hidden />
              New module
            </Button>
            {mayEditItems && (
              <Button onClick={() => setEditing({ kind: "item", item: null, moduleId: null })}>
                <Plus className="size-4" aria-hidden />
                New menu item
              </Button>
            )}
          </div>
        )}
      </div>
      {(ownRoots.length > 0 || (canManage && !isSuperAdmin)) && (
        <section
          aria-labelledby="own-modules"
          className="rounded-xl bg-white px-3 py-2 shadow-sm ring-1 ring-slate-200 sm:px-5"
        >
          <h2 id="own-modules" className="pt-2 text-sm font-semibold text-slate-900">
            {tenantName}’s own modules
          </h2>
          {ownRoots.length === 0 ? (
            <EmptyState
              icon={PanelLeft}
              title="None yet"
              description="Create a module to group your custom permissions in the catalog, the matrix and role editors."
            />
          ) : (
            <ul aria-label={`${tenantName}’s own modules`} className="divide-y divide-slate-100">
              {ownRoots.map((n, i) => renderNode(n, ownRoots, i))}
            </ul>
          )}
        </section>
      )}
      <section
        aria-labelledby="global-modules"
        className="rounded-xl bg-white px-3 py-2 shadow-sm ring-1 ring-slate-200 sm:px-5"
      >
        <h2 id="global-modules" className="pt-2 text-sm font-semibold text-slate-900">
          Global navigation{isSuperAdmin ? "" : " (read-only)"}
        </h2>
        {globalRoots.length === 0 ? (
          <EmptyState icon={PanelLeft} title="No modules yet" description="Create a module, then add its menu items." />
        ) : (
          <ul aria-label="Global modules" className="divide-y divide-slate-100">
            {globalRoots.map((n, i) => renderNode(n, globalRoots, i))}
          </ul>
        )}
      </section>

      <ModuleDialog
        open={editing?.kind === "module"}
        onOpenChange={(o) => !o && setEditing(null)}
        module={editing?.kind === "module" ? editing.module : null}
        parents={parentsFor(editing?.kind === "module" && editing.module ? editing.module.is_global : isSuperAdmin)}
        scope={ownScope}
      />
      <MenuItemDialog
        open={editing?.kind === "item"}
        onOpenChange={(o) => !o && setEditing(null)}
        item={editing?.kind === "item" ? editing.item : null}
        moduleId={editing?.kind === "item" ? editing.moduleId : null}
        modules={parentsFor(true)}
        permissions={globalCodes}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={deleting?.kind === "item" ? `Delete ${deleting.item.name}?` : `Delete ${deleting?.module.name ?? ""}?`}
        description={
          deleting?.kind === "item"
            ? `It leaves every sidebar and every plan${deleting.item.plans.length ? ` (${deleting.item.plans.join(", ")})` : ""}. Its permissions stay in the catalog.`
            : "Only an empty module can be deleted: move or delete its permissions, menu items and modules first, or deactivate it instead."
        }
        confirmLabel="Delete"
        busy={deleteModule.isPending || deleteItem.isPending}
        onConfirm={() => {
          if (deleting?.kind === "item") deleteItem.mutate(deleting.item);
          else if (deleting) deleteModule.mutate(deleting.module);
        }}
      />
    </div>
  );
}

function IconButton({ label, children, ...props }: { label: string } & React.ComponentProps<"button">) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      className="inline-flex size-8 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:cursor-not-allowed disabled:opacity-40 disabled:hover:bg-transparent"
      {...props}
    >
      {children}
    </button>
  );
}

function ItemRow({
  item,
  editable,
  busy,
  first,
  last,
  onMove,
  onEdit,
  onToggle,
  onDelete,
}: {
  item: MenuItem;
  editable: boolean;
  busy: boolean;
  first: boolean;
  last: boolean;
  onMove: (dir: -1 | 1) => void;
  onEdit: () => void;
  onToggle: () => void;
  onDelete: () => void;
}) {
  return (
    <li
      className="flex flex-wrap items-start gap-x-3 gap-y-1 rounded-lg px-2 py-2 hover:bg-slate-50"
      data-testid={`menu-item-${item.code}`}
    >
      <MenuIcon name={item.icon} className="mt-0.5 size-4 shrink-0 text-slate-600" />
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
          <span className="font-medium text-slate-900">{item.name}</span>
          <code className="text-xs text-slate-600">{item.route}</code>
          {!item.is_active && <Badge tone="amber">Inactive</Badge>}
          {item.plans.length ? (
            <span className="text-xs text-slate-600">Plans: {item.plans.join(", ")}</span>
          ) : (
            <Badge tone="amber">In no plan</Badge>
          )}
        </p>
        <p className="mt-0.5 text-xs text-slate-600">
          Needs <code>{item.permission_code ?? "—"}</code> · owns <code>{item.resource}</code>
          {item.description && <> · {item.description}</>}
        </p>
      </div>
      {editable && (
        <div className="flex items-center gap-1">
          <IconButton label={`Move ${item.name} up`} disabled={busy || first} onClick={() => onMove(-1)}>
            <ArrowUp className="size-4" aria-hidden />
          </IconButton>
          <IconButton label={`Move ${item.name} down`} disabled={busy || last} onClick={() => onMove(1)}>
            <ArrowDown className="size-4" aria-hidden />
          </IconButton>
          <IconButton label={`Edit ${item.name}`} onClick={onEdit}>
            <Pencil className="size-4" aria-hidden />
          </IconButton>
          <IconButton
            label={`${item.is_active ? "Deactivate" : "Activate"} ${item.name}`}
            disabled={busy}
            onClick={onToggle}
          >
            <Power className="size-4" aria-hidden />
          </IconButton>
          <IconButton label={`Delete ${item.name}`} onClick={onDelete}>
            <Trash2 className="size-4" aria-hidden />
          </IconButton>
        </div>
      )}
    </li>
  );
}
