"use client";
import { useQueryClient } from "@tanstack/react-query";
import { SearchX, SlidersHorizontal } from "lucide-react";
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { SearchInput } from "@/components/ui/search-input";
import type { ApprovalList } from "@/lib/query/approvals";
import { fetchAudit } from "@/lib/query/audit";
import { problemDetail } from "@/lib/query/hooks";
import { type MatrixData, reloadMatrix } from "@/lib/query/matrix";
import { type RoleDetail, type RoleListItem, reloadRole } from "@/lib/query/roles";
import { cn } from "@/lib/utils";
import { outOfPlanText } from "../../matrix/badges";
import { type CellContext, permissionCell, sourceText } from "../../matrix/cells";
import { diffOf } from "../../matrix/changes";
import { MatrixToolbar, NoteBar } from "../../matrix/matrix-toolbar";
import { DependencyGraph, pendingKey, type RoleNode, splitKey } from "../../matrix/model";
import { SaveDiffDialog } from "../../matrix/save-diff-dialog";
import { useSharedTooltip } from "../../matrix/shared-tooltip";
import type { DependencyEdge } from "../../matrix/types";
import { UntickDialog } from "../../matrix/untick-dialog";
import { useMatrixEditor } from "../../matrix/use-matrix-editor";
import { useUnsavedChanges } from "../../unsaved-changes";
import { fromConditions, termsWords } from "./conditions";
import { ConflictReview, type RoleConflict } from "./conflict-review";
import { EditorSection, type SectionView, sectionSig } from "./editor-section";
import {
  ACTIONS,
  type Action,
  actionCodes,
  actionsPresent,
  buildLayout,
  type MenuItemRef,
  type ModuleRef,
  viewIndex,
  withViews,
} from "./layout";
import { rebaseRoleEdits } from "./rebase";
import { grantSet, isDefaultTerms, type SavedGrant, type Terms, termChanges, termsOf } from "./save-body";
import { TermsDialog } from "./terms-dialog";
import { useRoleSave } from "./use-role-save";

/**
 * The role's Permissions tab as an editor: menu items as rows of view / create / edit / delete /
 * export by module, the rest of the catalog as the code tree, with the matrix's own rules
 * (dependencies pulled in and named, inherited grants locked with their source, plan marks) and
 * its own review before an all-or-nothing save. Scope and conditions are edited per grant.
 */
export function RoleEditor({
  role,
  data,
  roleList,
  approvals,
  edges,
  modules,
  menuItems,
  canManage,
  canViewAudit = false,
}: {
  role: RoleDetail;
  data: MatrixData;
  roleList: RoleListItem[];
  approvals: ApprovalList["data"];
  edges: DependencyEdge[];
  modules: ModuleRef[];
  menuItems: MenuItemRef[];
  canManage: boolean;
  /** The audit log names who made a conflicting change. */
  canViewAudit?: boolean;
}) {
  const listById = useMemo(() => new Map(roleList.map((r) => [r.id, r])), [roleList]);
  const roles: RoleNode[] = useMemo(
    () =>
      data.roles.map((r) => ({
        id: r.id,
        name: r.name,
        is_system: r.is_system,
        grants_all: r.grants_all,
        parent_ids: listById.get(r.id)?.parent_ids ?? [],
      })),
    [data.roles, listById],
  );
  const self = roles.find((r) => r.id === role.id) ?? {
    id: role.id,
    name: role.name,
    is_system: role.is_system,
    grants_all: role.grants_all,
    parent_ids: role.parent_ids,
  };
  const editable = canManage && !self.is_system && !self.grants_all;
  const graph = useMemo(() => new DependencyGraph(edges), [edges]);
  const permByCode = useMemo(() => new Map(data.permissions.map((p) => [p.code, p])), [data.permissions]);
  const approvalCodes = useMemo(
    () => new Set(data.permissions.filter((p) => p.requires_approval).map((p) => p.code)),
    [data.permissions],
  );
  const editor = useMatrixEditor({ data, roles, graph, approvalCodes });
  const planName = data.plan?.name ?? null;
  const nameOf = useCallback((id: string) => roles.find((r) => r.id === id)?.name ?? "another role", [roles]);
  const { handlers: tipHandlers, node: tipNode } = useSharedTooltip();

  const sections = useMemo(
    () => buildLayout(data.permissions, menuItems, modules),
    [data.permissions, menuItems, modules],
  );
  const views = useMemo(() => viewIndex(sections), [sections]);

  // Scope and conditions: what is saved, and what the builder changed (pending like the ticks).
  const saved = useMemo(() => savedGrants(role), [role]);
  const savedTerms = useMemo(() => new Map(saved.map((g) => [g.code, g as Terms])), [saved]);
  const [terms, setTerms] = useState<Map<string, Terms>>(() => new Map());
  const [editing, setEditing] = useState<string | null>(null);

  const changes = useMemo(() => {
    const out = new Map<string, boolean>();
    for (const [key, want] of editor.pending) {
      const k = splitKey(key);
      if (k.roleId === role.id) out.set(k.code, want);
    }
    return out;
  }, [editor.pending, role.id]);
  const termEdits = useMemo(() => termChanges(saved, changes, terms), [saved, changes, terms]);
  const count = changes.size + termEdits.length;
  const leaveGuard = useUnsavedChanges(count, `the role ${role.name}`);
  // The grants the pending edits were made on: what a reload after a 409 replays them against, even
  // if a live update refreshed the role meanwhile.
  const base = useRef<{ grants: SavedGrant[]; at: number } | null>(null);
  if (count === 0) base.current = null;
  else base.current ??= { grants: saved, at: Date.now() };
  const [conflict, setConflict] = useState<RoleConflict | null>(null);
  const reviewRef = useRef<HTMLDivElement>(null);
  const rebasedAt = conflict?.phase === "rebased" ? conflict.version : null;
  useEffect(() => {
    if (rebasedAt !== null) reviewRef.current?.scrollIntoView({ block: "nearest" });
  }, [rebasedAt]);

  const [search, setSearch] = useState("");
  const term = useDeferredValue(search.trim().toLowerCase());
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [discardOpen, setDiscardOpen] = useState(false);

  const awaiting = useMemo(
    () =>
      new Map(
        approvals
          .filter((a) => a.role && a.status === "pending")
          .map((a) => [pendingKey(a.role!.id, a.permission.code), a.requested_by.email ?? "an admin"]),
      ),
    [approvals],
  );
  const ctx: CellContext = {
    state: editor.state,
    pending: editor.pending,
    canManage: editable,
    awaiting,
    nameOf,
    planName,
  };

  const direct = editor.state.directOf(role.id);
  const sectionViews: SectionView[] = sections.flatMap((s) => {
    const match = (code: string, name: string) => !term || code.includes(term) || name.toLowerCase().includes(term);
    const menu = s.menu.filter(
      (r) => match(r.resource, r.name) || ACTIONS.some((a) => r.cells[a] && match(r.cells[a].code, r.cells[a].name)),
    );
    const tree = s.tree.filter((t) => match(t.perm.code, t.perm.name));
    if (!menu.length && !tree.length) return [];
    const granted = s.codes.filter((c) => editor.state.granted(role.id, c)).length;
    const termsText = (code: string) => {
      if (!direct.has(code)) return null;
      const t = termsOf(code, savedTerms, terms);
      if (t.scope === "organization" && !t.conditions) return "";
      return termsWords(t.scope, fromConditions(t.conditions) ?? []) || t.scope;
    };
    const view: Omit<SectionView, "sig"> = {
      layout: s,
      code: s.code,
      name: s.name,
      granted,
      total: s.codes.length,
      collapsed: collapsed.has(s.code) && !term,
      actions: actionsPresent([s]).map((a) => {
        const codes = actionCodes([s], a);
        return {
          action: a,
          all: codes.length > 0 && codes.every((c) => editor.state.granted(role.id, c)),
          none: !codes.length,
        };
      }),
      menu: menu.map((r) => ({
        id: r.id,
        name: r.name,
        resource: r.resource,
        cells: ACTIONS.map((a) => {
          const p = r.cells[a];
          return p ? { action: a, code: p.code, view: permissionCell(ctx, self, p), terms: termsText(p.code) } : null;
        }),
        out: r.cells.view?.out_of_plan ?? null,
      })),
      tree: tree.map((t) => ({
        perm: t.perm,
        depth: t.depth,
        view: permissionCell(ctx, self, t.perm),
        terms: termsText(t.perm.code),
      })),
    };
    return [{ ...view, sig: sectionSig(view) }];
  });

  const toggle = (code: string) => {
    if (!editable) return;
    const cell = editor.state.cell(role.id, code);
    if (cell.kind === "inherited") {
      if (editor.pending.get(pendingKey(role.id, code)) === false) return editor.restore(role.id, code);
      return editor.setNote({ tone: "info", text: `${code}: ${sourceText(cell.source, nameOf, role.name)}` });
    }
    const out = permByCode.get(code)?.out_of_plan;
    if (cell.kind === "none" && out && !editor.pending.has(pendingKey(role.id, code)))
      return editor.setNote({ tone: "warn", text: outOfPlanText(out, planName ?? "your plan") });
    if (cell.kind === "none") editor.grant(role.id, withViews([code], views), code);
    else editor.revoke(role.id, [code], code);
  };
  const setAll = (codes: string[], label: string) => {
    if (!editable || !codes.length) return;
    if (codes.every((c) => editor.state.granted(role.id, c))) editor.revoke(role.id, codes, label);
    else editor.grant(role.id, withViews(codes, views), label);
  };
  const onClick = (e: React.MouseEvent<HTMLElement>) => {
    const el = e.target instanceof Element ? e.target.closest<HTMLElement>("[data-act]") : null;
    if (!el) return;
    const { act, code, module, action } = el.dataset;
    if (act === "cell" && code) toggle(code);
    else if (act === "terms" && code) setEditing(code);
    else if (act === "collapse" && module)
      setCollapsed((s) => (s.has(module) ? new Set([...s].filter((m) => m !== module)) : new Set(s).add(module)));
    else if (act === "set" && module && action) {
      const s = sections.find((x) => x.code === module);
      if (s) setAll(actionCodes([s], action as Action), `every ${action} of ${s.name}`);
    } else if (act === "tree-all" && module) {
      const s = sections.find((x) => x.code === module);
      if (s)
        setAll(
          s.tree.filter((t) => !t.perm.out_of_plan).map((t) => t.perm.code),
          `the other ${s.name} permissions`,
        );
    }
  };
  // The boxes are buttons: Enter would click them. A checkbox is ticked with Space (as Radix's are).
  const noEnterToggle = (e: React.KeyboardEvent<HTMLElement>) => {
    if (e.key === "Enter" && e.target instanceof Element && e.target.getAttribute("data-act") === "cell")
      e.preventDefault();
  };
  const roleActions = actionsPresent(sections);

  const save = useRoleSave({
    roleId: role.id,
    onSaved: (text, warn) => {
      editor.clear();
      setTerms(new Map());
      setConflict(null);
      editor.setNote({ tone: warn ? "warn" : "success", text, approvalsLink: warn });
    },
    onConflict: () => {
      editor.setNote(null);
      setConflict({ phase: "stale", pending: count, reloading: false });
    },
  });

  // Words for a code: "Orders: delete" for a menu item's action, else the permission's name.
  const labels = useMemo(() => {
    const out = new Map<string, string>();
    for (const s of sections) {
      for (const r of s.menu) for (const a of ACTIONS) if (r.cells[a]) out.set(r.cells[a].code, `${r.name}: ${a}`);
      for (const t of s.tree) out.set(t.perm.code, t.perm.name);
    }
    return out;
  }, [sections]);
  const labelOf = (code: string) => labels.get(code) ?? permByCode.get(code)?.name ?? code;
  const termsText = (t: Terms) => termsWords(t.scope, fromConditions(t.conditions) ?? []);
  const qc = useQueryClient();
  const reloadAndReapply = async () => {
    const pendingCount = count;
    setConflict({ phase: "stale", pending: pendingCount, reloading: true });
    try {
      const since = base.current?.at ?? 0;
      const [fresh, matrix, log] = await Promise.all([
        reloadRole(qc, role.id),
        reloadMatrix(qc),
        canViewAudit
          ? fetchAudit({ target_type: "role", target_id: role.id, limit: 10 }).catch(() => null)
          : Promise.resolve(null),
      ]);
      const by = [
        ...new Set(
          (log?.data ?? [])
            .filter((e) => Date.parse(e.created_at) >= since - 1000 && e.actor)
            .map((e) => e.actor as string),
        ),
      ];
      const known = new Map(matrix.permissions.map((p) => [p.code, p]));
      const report = rebaseRoleEdits(base.current?.grants ?? saved, changes, terms, savedGrants(fresh), (code) => {
        const p = known.get(code);
        return !!p && !p.out_of_plan;
      });
      editor.adopt(role.id, report.changes, fresh.version);
      setTerms(report.terms);
      base.current = report.changes.size + report.terms.size ? { grants: savedGrants(fresh), at: Date.now() } : null;
      setConflict({ phase: "rebased", report, version: fresh.version, by });
    } catch (e) {
      setConflict({ phase: "stale", pending: pendingCount, reloading: false });
      toast.error("Could not reload the role", { description: problemDetail(e) });
    }
  };
  const discard = () => {
    editor.clear();
    setTerms(new Map());
    editor.setNote(null);
    setConflict(null);
    setDiscardOpen(false);
  };
  const versions = useMemo(() => new Map([[role.id, editor.versionOf(role.id)]]), [role.id, editor.versionOf]);
  const userCounts = useMemo(() => new Map(roleList.map((r) => [r.id, r.user_count])), [roleList]);
  const diff = useMemo(
    () => (save.open ? diffOf(editor.pending, editor.state.byId, versions, userCounts, permByCode) : null),
    [save.open, editor.pending, editor.state, versions, userCounts, permByCode],
  );
  const after = grantSet(saved, changes, terms);
  // New grants given a scope or conditions in the builder: counted as additions, shown with their terms.
  const newTerms = after.filter((g) => changes.get(g.code) === true && !isDefaultTerms(g));
  const body = { version: editor.versionOf(role.id), permissions: after };

  const conflictView = conflict && (
    <ConflictReview
      conflict={conflict}
      pending={count}
      roleName={role.name}
      labelOf={labelOf}
      termsText={termsText}
      onReload={reloadAndReapply}
      onDiscard={async () => {
        discard();
        await Promise.all([reloadRole(qc, role.id), reloadMatrix(qc)]).catch(() => null);
      }}
      onReview={save.openReview}
      onDismiss={() => setConflict(null)}
      onRegrant={(c) => {
        editor.grant(role.id, withViews([c.code], views), labelOf(c.code));
        if (c.mine) setTerms((m) => new Map(m).set(c.code, c.mine!));
        setConflict((x) =>
          x?.phase === "rebased"
            ? { ...x, report: { ...x.report, conflicts: x.report.conflicts.filter((y) => y !== c) } }
            : x,
        );
      }}
    />
  );
  const wholeRole = (className: string) =>
    editable &&
    roleActions.length > 0 && (
      <div
        className={cn(
          "flex flex-wrap items-center gap-1.5 border-b border-slate-100 px-4 py-2 text-xs text-slate-600",
          className,
        )}
      >
        <span className="font-medium">Whole role:</span>
        {roleActions.map((a) => {
          const codes = actionCodes(sections, a);
          const all = codes.length > 0 && codes.every((c) => editor.state.granted(role.id, c));
          return (
            <Button
              key={a}
              size="sm"
              variant="secondary"
              className="h-7 px-2 text-xs"
              onClick={() => setAll(codes, `every ${a} of the role`)}
            >
              {all ? `Clear all ${a}` : `Set all ${a}`}
            </Button>
          );
        })}
      </div>
    );
  const editingPerm = editing ? permByCode.get(editing) : null;
  const filterBox = (
    <SearchInput
      className="relative w-full max-w-xs py-1"
      label="Filter permissions"
      placeholder="Filter by menu item, code or name"
      value={search}
      onValueChange={setSearch}
    />
  );
  return (
    <Card>
      {/* Save, the counter, "Set all" and the last note stay in view under the top bar while scrolling. */}
      <div className="sticky top-[57px] z-20 rounded-t-xl bg-white">
        {editable || !canManage ? (
          <MatrixToolbar
            count={count}
            canManage={editable}
            onDiscard={() => setDiscardOpen(true)}
            onSave={save.openReview}
          >
            {filterBox}
          </MatrixToolbar>
        ) : (
          <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-4 py-1.5">
            {filterBox}
            <span className="text-xs text-slate-500">A system role is read-only.</span>
          </div>
        )}
        {wholeRole("max-sm:hidden")}
        <NoteBar note={editor.note} onClose={() => editor.setNote(null)} />
        {conflict?.phase === "stale" && conflictView}
      </div>
      {/* On a phone "Whole role" scrolls away with the page, so the sticky bar stays short. */}
      {wholeRole("sm:hidden")}
      {conflict?.phase === "rebased" && (
        <div ref={reviewRef} className="scroll-mt-48">
          {conflictView}
        </div>
      )}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: clicks are delegated to the buttons and boxes inside */}
      <div onClick={onClick} onKeyDown={noEnterToggle} {...tipHandlers} className="divide-y divide-slate-100">
        {sectionViews.length ? (
          sectionViews.map((s) => <EditorSection key={s.code} section={s} editable={editable} planName={planName} />)
        ) : (
          <EmptyState icon={SearchX} title={`No permission matches “${search.trim()}”`} />
        )}
      </div>
      {tipNode}
      <p className="flex items-center gap-1.5 border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
        <SlidersHorizontal className="size-3.5" aria-hidden />
        Ticking create, edit, delete or export ticks view too; dependencies are ticked for you and named above. Dashed
        boxes are inherited: change them on the role they come from.
      </p>
      <SaveDiffDialog
        open={save.open}
        onOpenChange={save.setOpen}
        diff={diff}
        busy={save.saving}
        error={save.error}
        onConfirm={(reason) => save.save(reason?.trim() ? { ...body, reason: reason.trim() } : body)}
        extraCount={termEdits.length}
        extra={
          <>
            {termEdits.length + newTerms.length > 0 && (
              <section aria-label="Scope and conditions" className="rounded-lg border border-slate-200">
                <h3 className="border-b border-slate-100 bg-slate-50/70 px-3 py-2 text-sm font-semibold text-slate-900">
                  Scope and conditions
                </h3>
                <ul className="divide-y divide-slate-100 text-sm">
                  {termEdits.map((t) => (
                    <li key={t.code} className="px-3 py-1.5">
                      <code className="font-mono text-[13px]">{t.code}</code>:{" "}
                      <span className="text-slate-500 line-through">
                        {termsWords(t.before.scope, fromConditions(t.before.conditions) ?? [])}
                      </span>{" "}
                      → {termsWords(t.after.scope, fromConditions(t.after.conditions) ?? [])}
                    </li>
                  ))}
                  {newTerms.map((g) => (
                    <li key={g.code} className="px-3 py-1.5">
                      <code className="font-mono text-[13px]">{g.code}</code>: granted{" "}
                      {termsWords(g.scope, fromConditions(g.conditions) ?? [])}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {after.length === 0 && (
              <p
                data-testid="grants-nothing"
                className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
              >
                After saving, {role.name} grants nothing of its own
                {role.parents.length ? ` (it still inherits from ${role.parents.map((p) => p.name).join(", ")})` : ""}.
              </p>
            )}
          </>
        }
      />
      {leaveGuard}
      <UntickDialog request={editor.untick} onCancel={() => editor.setUntick(null)} onConfirm={editor.confirmUntick} />
      <ConfirmDialog
        open={discardOpen}
        onOpenChange={setDiscardOpen}
        title={`Discard ${count} unsaved change${count === 1 ? "" : "s"}?`}
        description={`${role.name} goes back to what is saved. This cannot be undone.`}
        confirmLabel="Discard changes"
        onConfirm={discard}
      />
      {editing && editingPerm && (
        <TermsDialog
          code={editing}
          name={editingPerm.name}
          terms={termsOf(editing, savedTerms, terms)}
          readOnly={!editable}
          onClose={() => setEditing(null)}
          onApply={(t) => {
            setTerms((m) => new Map(m).set(editing, t));
            setEditing(null);
          }}
        />
      )}
    </Card>
  );
}

function savedGrants(role: RoleDetail): SavedGrant[] {
  if (role.grants_all) return [];
  return role.permissions.map((g) => ({
    code: g.code,
    scope: g.scope,
    conditions: (g.conditions as Record<string, unknown> | null) ?? null,
  }));
}
