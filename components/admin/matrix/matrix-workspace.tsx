"use client";
import { SearchX } from "lucide-react";
import { useCallback, useDeferredValue, useMemo, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import type { GatehouseCode } from "@/lib/permissions/gatehouse-codes";
import type { ApprovalList } from "@/lib/query/approvals";
import type { MatrixData, MatrixPermission } from "@/lib/query/matrix";
import type { RoleListItem } from "@/lib/query/roles";
import { HoldersList } from "../catalog/holders-list";
import { useUnsavedChanges } from "../unsaved-changes";
import { outOfPlanText } from "./badges";
import { type CellContext, moduleCell, permissionCell, sourceText } from "./cells";
import { diffOf } from "./changes";
import { ColumnChooser } from "./column-chooser";
import { ConflictPanel } from "./conflict-panel";
import { type Filters, MatrixFilters, NO_FILTERS, RowCount } from "./matrix-filters";
import { type GridAction, type GridItem, MatrixGrid } from "./matrix-grid";
import { MatrixRoleView } from "./matrix-role-view";
import type { ColumnRole } from "./matrix-rows";
import { MatrixLegend, MatrixToolbar, NoteBar } from "./matrix-toolbar";
import { DependencyGraph, pendingKey, type RoleNode, splitKey } from "./model";
import { SaveDiffDialog } from "./save-diff-dialog";
import type { DependencyEdge, MatrixAbilities, ModuleInfo } from "./types";
import { UntickDialog } from "./untick-dialog";
import { useColumnChoice } from "./use-column-choice";
import { useMatrixEditor } from "./use-matrix-editor";
import { useMatrixSave } from "./use-matrix-save";

const NO_MODULE = "_none";

// Below 768 px the grid gives way to the role-by-role list (the server renders the grid).
const NARROW = "(max-width: 767px)";
function useNarrow() {
  return useSyncExternalStore(
    (change) => {
      const mq = window.matchMedia(NARROW);
      mq.addEventListener("change", change);
      return () => mq.removeEventListener("change", change);
    },
    () => window.matchMedia(NARROW).matches,
    () => false,
  );
}

export function MatrixWorkspace({
  data,
  loadedAt,
  roleList,
  approvals,
  edges,
  modules,
  abilities,
  storageKey,
}: {
  /** Where this viewer's column choice is kept (per user and tenant). */
  storageKey: string;
  data: MatrixData;
  loadedAt: number;
  roleList: RoleListItem[];
  approvals: ApprovalList["data"];
  edges: DependencyEdge[];
  modules: ModuleInfo[];
  abilities: MatrixAbilities;
}) {
  const { canManage } = abilities;
  const listById = useMemo(() => new Map(roleList.map((r) => [r.id, r])), [roleList]);
  // Admin (everything) first, then the API's order (by name).
  const roles: RoleNode[] = useMemo(() => {
    const nodes = data.roles.map((r) => ({
      id: r.id,
      name: r.name,
      is_system: r.is_system,
      grants_all: r.grants_all,
      parent_ids: listById.get(r.id)?.parent_ids ?? [],
    }));
    return [...nodes.filter((r) => r.grants_all), ...nodes.filter((r) => !r.grants_all)];
  }, [data.roles, listById]);
  const graph = useMemo(() => new DependencyGraph(edges), [edges]);
  const permByCode = useMemo(() => new Map(data.permissions.map((p) => [p.code, p])), [data.permissions]);
  const approvalCodes = useMemo(
    () => new Set(data.permissions.filter((p) => p.requires_approval).map((p) => p.code)),
    [data.permissions],
  );
  const editor = useMatrixEditor({ data, roles, graph, approvalCodes });
  const planName = data.plan?.name ?? null;
  const saver = useMatrixSave({ editor, loadedAt, canViewAudit: abilities.canViewAudit });
  const nameOf = useCallback((id: string) => roles.find((r) => r.id === id)?.name ?? "another role", [roles]);

  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const text = useDeferredValue(filters.text.trim().toLowerCase());
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [discardOpen, setDiscardOpen] = useState(false);

  const moduleInfo = useMemo(() => new Map(modules.map((m) => [m.code, m])), [modules]);
  const groups = useMemo(() => {
    const byModule = new Map<string, MatrixPermission[]>();
    for (const p of data.permissions) {
      if (filters.module && (p.module ?? NO_MODULE) !== filters.module) continue;
      if (filters.category && p.category !== filters.category) continue;
      if (filters.risk && p.risk_level !== filters.risk) continue;
      if (
        text &&
        !p.code.includes(text) &&
        !p.name.toLowerCase().includes(text) &&
        !(p.description ?? "").toLowerCase().includes(text)
      )
        continue;
      const key = p.module ?? NO_MODULE;
      byModule.set(key, [...(byModule.get(key) ?? []), p]);
    }
    const order = (code: string) => moduleInfo.get(code)?.sort_order ?? Number.MAX_SAFE_INTEGER;
    return [...byModule]
      .map(([code, perms]) => ({
        code,
        name: moduleInfo.get(code)?.name ?? (code === NO_MODULE ? "Other" : code),
        perms,
      }))
      .sort((a, b) => order(a.code) - order(b.code) || a.name.localeCompare(b.name));
  }, [data.permissions, filters.module, filters.category, filters.risk, text, moduleInfo]);
  const items: GridItem[] = useMemo(
    () =>
      groups.flatMap((g) => {
        const shut = collapsed.has(g.code);
        const head: GridItem = {
          kind: "module",
          code: g.code,
          name: g.name,
          // "Set all" offers what the plan has: a leftover outside it is unticked on its own row.
          codes: g.perms.filter((p) => !p.out_of_plan).map((p) => p.code),
          count: g.perms.length,
          collapsed: shut,
        };
        return shut ? [head] : [head, ...g.perms.map((perm): GridItem => ({ kind: "perm", perm }))];
      }),
    [groups, collapsed],
  );
  const shown = groups.reduce((n, g) => n + g.perms.length, 0);

  const awaiting = useMemo(
    () =>
      new Map(
        approvals
          .filter((a) => a.role && a.status === "pending")
          .map((a) => [pendingKey(a.role!.id, a.permission.code), a.requested_by.email ?? "an admin"]),
      ),
    [approvals],
  );
  const ctx: CellContext = { state: editor.state, pending: editor.pending, canManage, awaiting, nameOf, planName };
  const columnChoice = useColumnChoice(storageKey, roles);
  const shownRoles = columnChoice.shown.roles;
  const narrow = useNarrow();
  const [phoneRole, setPhoneRole] = useState(() => roles.find((r) => !r.is_system)?.id ?? roles[0]?.id ?? "");
  const cellsOf = (item: GridItem) =>
    item.kind === "perm"
      ? shownRoles.map((r) => permissionCell(ctx, r, item.perm))
      : shownRoles.map((r) => moduleCell(ctx, r, item.codes, item.name));

  const columns: ColumnRole[] = useMemo(() => {
    const counts = new Map<string, { added: number; removed: number }>();
    for (const [key, want] of editor.pending) {
      const c = counts.get(splitKey(key).roleId) ?? { added: 0, removed: 0 };
      want ? c.added++ : c.removed++, counts.set(splitKey(key).roleId, c);
    }
    return shownRoles.map((r) => ({
      ...r,
      users: listById.get(r.id)?.user_count ?? 0,
      parents: r.parent_ids.map(nameOf),
      added: counts.get(r.id)?.added ?? 0,
      removed: counts.get(r.id)?.removed ?? 0,
    }));
  }, [shownRoles, editor.pending, listById, nameOf]);

  const [holdersOf, setHoldersOf] = useState<string | null>(null);
  const onAction = (a: GridAction) => {
    if (a.action === "holders") return setHoldersOf(a.code);
    if (a.action === "collapse")
      return setCollapsed((s) =>
        s.has(a.module) ? new Set([...s].filter((m) => m !== a.module)) : new Set(s).add(a.module),
      );
    const role = roles.find((r) => r.id === a.roleId);
    if (!role) return;
    if (!canManage)
      return editor.setNote({
        tone: "warn",
        text: `You can view the matrix but not change it: that needs ${"gatehouse.roles.manage" satisfies GatehouseCode}.`,
      });
    if (role.is_system || role.grants_all)
      return editor.setNote({ tone: "warn", text: `${role.name} is a system role: it cannot be edited.` });
    if (a.action === "cell") {
      const cell = editor.state.cell(role.id, a.code);
      if (cell.kind === "inherited") {
        if (editor.pending.get(pendingKey(role.id, a.code)) === false) return editor.restore(role.id, a.code);
        return editor.setNote({
          tone: "info",
          text: `${a.code} on ${role.name}: ${sourceText(cell.source, nameOf, role.name)}`,
        });
      }
      const out = permByCode.get(a.code)?.out_of_plan;
      if (cell.kind === "none" && out && !editor.pending.has(pendingKey(role.id, a.code)))
        return editor.setNote({ tone: "warn", text: outOfPlanText(out, planName ?? "your plan") });
      return cell.kind === "none" ? editor.grant(role.id, [a.code], a.code) : editor.revoke(role.id, [a.code], a.code);
    }
    const group = groups.find((g) => g.code === a.module);
    if (!group) return;
    const codes = group.perms.filter((p) => !p.out_of_plan).map((p) => p.code);
    const label = `${codes.length} ${group.name} permission${codes.length === 1 ? "" : "s"}`;
    if (codes.every((c) => editor.state.granted(role.id, c))) editor.revoke(role.id, codes, label);
    else editor.grant(role.id, codes, label);
  };

  const count = editor.pending.size;
  const leaveGuard = useUnsavedChanges(count, "the matrix");

  const versions = useMemo(() => new Map(roles.map((r) => [r.id, editor.versionOf(r.id)])), [roles, editor.versionOf]);
  const userCounts = useMemo(() => new Map(roleList.map((r) => [r.id, r.user_count])), [roleList]);
  const diff = useMemo(
    () => (saver.open ? diffOf(editor.pending, editor.state.byId, versions, userCounts, permByCode) : null),
    [saver.open, editor.pending, editor.state, versions, userCounts, permByCode],
  );
  const moduleOptions = useMemo(
    () =>
      [...new Set(data.permissions.map((p) => p.module ?? NO_MODULE))]
        .map((code) => ({ code, name: moduleInfo.get(code)?.name ?? (code === NO_MODULE ? "Other" : code) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [data.permissions, moduleInfo],
  );
  const categories = useMemo(() => [...new Set(data.permissions.map((p) => p.category))].sort(), [data.permissions]);

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3">
      <MatrixFilters value={filters} onChange={setFilters} modules={moduleOptions} categories={categories} />
      {saver.conflict && (
        <div className="shrink-0">
          <ConflictPanel
            conflict={saver.conflict}
            reloading={saver.reloading}
            onReload={() => void saver.reload(true)}
            onDiscard={() => void saver.reload(false)}
          />
        </div>
      )}
      <Card className="flex min-h-0 flex-col overflow-hidden">
        <MatrixToolbar
          count={count}
          canManage={canManage}
          onDiscard={() => setDiscardOpen(true)}
          onSave={saver.openPreview}
        >
          <span className="flex flex-wrap items-center gap-1">
            <RowCount
              shown={shown}
              total={data.permissions.length}
              allCollapsed={groups.length > 0 && groups.every((g) => collapsed.has(g.code))}
              onCollapseAll={(shut) => setCollapsed(shut ? new Set(groups.map((g) => g.code)) : new Set())}
            />
            {!narrow && (
              <ColumnChooser
                roles={roles}
                choice={columnChoice.choice}
                shownCount={shownRoles.length}
                onToggleShown={columnChoice.toggleShown}
                onTogglePinned={columnChoice.togglePinned}
                onReset={columnChoice.reset}
              />
            )}
          </span>
        </MatrixToolbar>
        <NoteBar note={editor.note} onClose={() => editor.setNote(null)} />
        {items.length && narrow ? (
          <MatrixRoleView
            roles={roles}
            roleId={phoneRole}
            onRole={setPhoneRole}
            groups={groups}
            collapsed={collapsed}
            ctx={ctx}
            onAction={onAction}
          />
        ) : items.length && shownRoles.length ? (
          <MatrixGrid
            items={items}
            roles={shownRoles}
            columns={columns}
            cellsOf={cellsOf}
            onAction={onAction}
            totalRows={items.length}
            planName={planName}
            pinned={columnChoice.shown.pinned}
            hiddenRoles={roles.length - shownRoles.length}
          />
        ) : items.length ? (
          <EmptyState
            icon={SearchX}
            title="Every role column is hidden"
            description="Choose the roles to show under Columns."
            action={
              <Button variant="secondary" size="sm" onClick={columnChoice.reset}>
                Show all roles
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={SearchX}
            title="No permissions match these filters"
            description="Try another module, category or risk, or a shorter search."
            action={
              <Button variant="secondary" size="sm" onClick={() => setFilters(NO_FILTERS)}>
                Clear filters
              </Button>
            }
          />
        )}
        <MatrixLegend />
      </Card>
      <SaveDiffDialog
        open={saver.open}
        onOpenChange={saver.setOpen}
        diff={diff}
        busy={saver.saving}
        error={saver.error}
        onConfirm={saver.save}
      />
      {leaveGuard}
      <Dialog open={holdersOf !== null} onOpenChange={(o) => !o && setHoldersOf(null)}>
        <DialogContent title={`Who has ${holdersOf ?? ""}?`} description="Every member it is effective for, and why.">
          {holdersOf && <HoldersList code={holdersOf} canViewUsers={abilities.canViewUsers} />}
        </DialogContent>
      </Dialog>
      <UntickDialog request={editor.untick} onCancel={() => editor.setUntick(null)} onConfirm={editor.confirmUntick} />
      <ConfirmDialog
        open={discardOpen}
        onOpenChange={setDiscardOpen}
        title={`Discard ${count} unsaved change${count === 1 ? "" : "s"}?`}
        description="The matrix goes back to what is saved. This cannot be undone."
        confirmLabel="Discard changes"
        onConfirm={() => (editor.clear(), editor.setNote(null), setDiscardOpen(false))}
      />
    </div>
  );
}
