"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { BadgeCheck, SlidersHorizontal } from "lucide-react";
import Link from "next/link";
import { useCallback, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState, ErrorState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useModules } from "@/lib/query/catalog";
import { problemDetail } from "@/lib/query/hooks";
import {
  type UserDetail,
  type UserOverride,
  type UserPermission,
  useRemoveOverride,
  useSetOverrides,
  useUserPermissions,
} from "@/lib/query/users";
import { useUnsavedChanges } from "../unsaved-changes";
import { isoToLocal, localToIso } from "./describe";
import { fieldErrorsByCode, groupByModule, moduleIndex } from "./editor-model";
import { type Filters, NO_FILTERS, OverrideFilters } from "./override-filters";
import { OverrideRow, type PendingOverride, ROW_GRID } from "./override-row";
import { type Change, PendingChanges } from "./pending-changes";
import { type OverrideEffect, savedEffect } from "./types";

type Pending = Record<string, PendingOverride>;

/**
 * Every permission of the catalog for one user: its effective state and source, and a tri-state
 * override. Changes accumulate locally and are saved at once with the bulk upsert (PUT); one
 * override can also be removed directly (DELETE). Virtualised: the catalog may hold 1,000 codes.
 */
export function OverrideEditor({
  user,
  canManage,
  canViewCatalog,
  selectedCode,
  onExplain,
}: {
  user: UserDetail;
  canManage: boolean;
  canViewCatalog: boolean;
  selectedCode: string | null;
  onExplain: (p: UserPermission) => void;
}) {
  const perms = useUserPermissions(user.id);
  const modules = useModules({ enabled: canViewCatalog });
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [pending, setPending] = useState<Pending>({});
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [reviewing, setReviewing] = useState(false);
  const [removing, setRemoving] = useState<{ p: UserPermission; o: UserOverride } | null>(null);
  const [awaiting, setAwaiting] = useState<{ id: string; code: string }[]>([]);

  const overrides = useMemo(() => new Map(user.overrides.map((o) => [o.code, o])), [user.overrides]);
  const moduleInfo = useMemo(() => moduleIndex(modules.data?.data ?? []), [modules.data]);

  const all = perms.data?.data;
  const rows = useMemo(() => {
    if (!all) return [];
    const inModule = filters.moduleId ? new Set(moduleInfo.subtree(filters.moduleId)) : null;
    const term = filters.text.trim().toLowerCase();
    return all.filter(
      (p) =>
        (!term || p.code.includes(term) || p.name.toLowerCase().includes(term)) &&
        (!inModule || (p.module_id !== null && inModule.has(p.module_id))) &&
        (!filters.onlyGranted || p.granted) &&
        (!filters.onlyOverridden || overrides.has(p.code) || p.code in pending || p.reason === "override"),
    );
  }, [all, filters, moduleInfo, overrides, pending]);
  // Grouped by module in the catalog's order, each group under a heading row.
  const items = useMemo(() => groupByModule(rows, moduleInfo), [rows, moduleInfo]);

  const setEffect = useCallback(
    (p: UserPermission, effect: OverrideEffect) => {
      const o = overrides.get(p.code);
      setRowErrors(({ [p.code]: _, ...rest }) => rest);
      setPending(({ [p.code]: current, ...rest }) => {
        // Back to what is saved: nothing pending for this code.
        if (effect === savedEffect(o) && !current) return rest;
        if (
          effect === savedEffect(o) &&
          current &&
          current.notes === (o?.notes ?? "") &&
          current.expires === isoToLocal(o?.expires_at)
        )
          return rest;
        return {
          ...rest,
          [p.code]: {
            effect,
            notes: current?.notes ?? o?.notes ?? "",
            expires: current?.expires ?? isoToLocal(o?.expires_at),
          },
        };
      });
    },
    [overrides],
  );
  const setDetails = useCallback(
    (p: UserPermission, patch: Partial<PendingOverride>) => {
      const o = overrides.get(p.code);
      setRowErrors(({ [p.code]: _, ...rest }) => rest);
      setPending((all) => {
        const base: PendingOverride = all[p.code] ?? {
          effect: savedEffect(o),
          notes: o?.notes ?? "",
          expires: isoToLocal(o?.expires_at),
        };
        return { ...all, [p.code]: { ...base, ...patch } };
      });
    },
    [overrides],
  );
  const askRemove = useCallback((p: UserPermission, o: UserOverride) => setRemoving({ p, o }), []);

  const changes: Change[] = Object.entries(pending).map(([code, c]) => {
    const p = all?.find((x) => x.code === code);
    return {
      code,
      name: p?.name ?? code,
      effect: c.effect,
      was: savedEffect(overrides.get(code)),
      notes: c.notes,
      expires: c.expires,
      granted: p?.granted ?? false,
      risk: p?.risk_level,
    };
  });
  const leaveGuard = useUnsavedChanges(changes.length, `${user.name}’s overrides`);

  const save = useSetOverrides<Change[]>(
    user.id,
    (list) => ({
      permissions: list.map((c) =>
        c.effect === "inherit"
          ? { code: c.code, effect: "inherit" }
          : { code: c.code, effect: c.effect, notes: c.notes.trim() || null, expires_at: localToIso(c.expires) },
      ),
    }),
    {
      success: (r, list) => {
        const waiting = "approvals" in r ? r.approvals.length : 0;
        const applied = list.length - waiting;
        return applied > 0 ? `Saved ${applied} override change${applied === 1 ? "" : "s"} for ${user.name}` : null;
      },
      onSuccess: (r) => {
        setPending({});
        setRowErrors({});
        setReviewing(false);
        if ("approvals" in r) {
          setAwaiting(r.approvals);
          toast.warning(`${r.approvals.length} change${r.approvals.length === 1 ? " awaits" : "s await"} approval`, {
            description: r.approvals.map((a) => a.code).join(", "),
          });
        }
      },
      onError: (error, list) => {
        setReviewing(false);
        const byCode = fieldErrorsByCode(error, list);
        if (Object.keys(byCode).length === 0) return false;
        setRowErrors(byCode);
        toast.error("Some changes need fixing", {
          description: Object.entries(byCode)
            .map(([c, m]) => `${c}: ${m}`)
            .join("; "),
        });
        return true;
      },
    },
  );

  const remove = useRemoveOverride<{ p: UserPermission; o: UserOverride }>(user.id, ({ o }) => o.permission_id, {
    success: (_, { p, o }) => `Removed the ${o.effect} override on ${p.code}`,
    onSuccess: (_, { p }) => {
      setRemoving(null);
      setPending(({ [p.code]: _, ...rest }) => rest);
    },
  });

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    overscan: 12,
    // The server renders the first screenful too (and the browser's first render matches it).
    initialRect: { width: 1200, height: 720 },
    estimateSize: (i) => (items[i]!.kind === "module" ? 36 : 58),
    getItemKey: (i) => {
      const it = items[i]!;
      return it.kind === "module" ? `m:${it.id}` : it.p.code;
    },
  });
  const overrideCount = user.overrides.length;
  const awaitingCodes = new Set(awaiting.map((a) => a.code));

  return (
    <Card aria-label="Permissions and overrides">
      <header className="flex items-start justify-between gap-4 border-b border-slate-100 px-5 py-4">
        <div className="max-w-3xl">
          <h2 className="text-sm font-semibold text-slate-900">Permissions and overrides</h2>
          <p className="mt-0.5 text-sm text-slate-500">
            Every permission with its effective state and where it comes from.{" "}
            {canManage
              ? "An override allows or denies one code (and the codes below it) for this user alone, whatever their roles say."
              : ""}
          </p>
        </div>
        <span
          className="shrink-0 rounded-md bg-slate-100 px-2 py-1 text-xs font-medium text-slate-600"
          data-testid="override-count"
        >
          {overrideCount} override{overrideCount === 1 ? "" : "s"}
        </span>
      </header>

      <OverrideFilters
        value={filters}
        onChange={setFilters}
        modules={canViewCatalog ? moduleInfo.options : null}
        shown={rows.length}
        total={all?.length}
      />

      {awaiting.length > 0 && (
        <div
          role="status"
          className="flex flex-wrap items-center gap-2 border-b border-amber-200 bg-amber-50 px-5 py-2.5 text-sm text-amber-900"
        >
          <BadgeCheck className="size-4" aria-hidden />
          Awaiting approval by another admin: {awaiting.map((a) => a.code).join(", ")}.
          <Link href="/admin/approvals" className="font-medium underline">
            See approvals
          </Link>
          <button
            type="button"
            className="ml-auto text-xs text-amber-800 hover:underline"
            onClick={() => setAwaiting([])}
          >
            Dismiss
          </button>
        </div>
      )}

      {perms.isError ? (
        <ErrorState
          title="Could not load the permissions"
          detail={problemDetail(perms.error)}
          onRetry={() => perms.refetch()}
        />
      ) : !all ? (
        <div className="space-y-2 p-4" role="status" aria-label="Loading permissions">
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} className="h-12 w-full" />
          ))}
        </div>
      ) : rows.length === 0 ? (
        <EmptyState
          icon={SlidersHorizontal}
          title="No permission matches these filters"
          description={filters.onlyOverridden ? "This user has no override here." : "Try another code, name or module."}
          action={
            <Button size="sm" variant="secondary" onClick={() => setFilters(NO_FILTERS)}>
              Clear filters
            </Button>
          }
        />
      ) : (
        // On a phone the four columns scroll sideways inside the card rather than being cut off.
        <div
          role="table"
          aria-label="Permissions of this user"
          aria-rowcount={items.length + 1}
          className="relative overflow-x-auto"
        >
          <div className="min-w-[46rem]">
            <div
              role="row"
              className={`${ROW_GRID} border-b border-slate-200 bg-slate-50 px-4 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500`}
            >
              <span role="columnheader">Permission</span>
              <span role="columnheader">Source</span>
              <span role="columnheader">Effective</span>
              <span role="columnheader" className="text-right">
                Override
              </span>
            </div>
            <div ref={scrollRef} className="max-h-[70vh] overflow-y-auto" data-testid="override-list">
              <div style={{ height: virtual.getTotalSize(), position: "relative" }}>
                {virtual.getVirtualItems().map((v) => {
                  const it = items[v.index]!;
                  const style = {
                    position: "absolute",
                    top: 0,
                    left: 0,
                    width: "100%",
                    transform: `translateY(${v.start}px)`,
                  } as const;
                  if (it.kind === "module") {
                    return (
                      <div key={v.key} role="row" data-index={v.index} ref={virtual.measureElement} style={style}>
                        <div
                          role="rowheader"
                          className="flex items-baseline gap-2 border-b border-slate-100 bg-slate-50/70 px-4 pb-1.5 pt-3 text-xs"
                        >
                          <span className="font-semibold uppercase tracking-wide text-slate-700">{it.name}</span>
                          <span className="text-slate-500">
                            {it.count} permission{it.count === 1 ? "" : "s"} · {it.granted} granted
                          </span>
                        </div>
                      </div>
                    );
                  }
                  const p = it.p;
                  return (
                    <div key={v.key} role="row" data-index={v.index} ref={virtual.measureElement} style={style}>
                      <OverrideRow
                        p={p}
                        override={overrides.get(p.code)}
                        pending={pending[p.code]}
                        awaitingApproval={awaitingCodes.has(p.code)}
                        canManage={canManage}
                        selected={selectedCode === p.code}
                        error={rowErrors[p.code]}
                        onEffect={setEffect}
                        onDetails={setDetails}
                        onExplain={onExplain}
                        onRemove={askRemove}
                      />
                    </div>
                  );
                })}
              </div>
            </div>
          </div>
        </div>
      )}

      {canManage && changes.length > 0 && (
        <div className="sticky bottom-0 z-10 flex flex-wrap items-center justify-between gap-3 rounded-b-xl border-t border-amber-200 bg-amber-50/95 px-5 py-3 backdrop-blur">
          <p className="text-sm font-medium text-amber-900" aria-live="polite">
            {changes.length} unsaved change{changes.length === 1 ? "" : "s"}
          </p>
          <div className="flex gap-2">
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                setPending({});
                setRowErrors({});
              }}
              disabled={save.isPending}
            >
              Discard
            </Button>
            <Button size="sm" onClick={() => setReviewing(true)} disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Review and save"}
            </Button>
          </div>
        </div>
      )}

      {leaveGuard}
      <ConfirmDialog
        open={reviewing}
        onOpenChange={setReviewing}
        tone="primary"
        busy={save.isPending}
        confirmLabel={`Save ${changes.length} change${changes.length === 1 ? "" : "s"}`}
        title={`Save overrides for ${user.name}?`}
        description="Overrides decide before roles. Allowing a permission that needs approval opens a request instead."
        onConfirm={() => save.mutate(changes)}
      >
        <PendingChanges changes={changes} />
      </ConfirmDialog>
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(o) => !o && setRemoving(null)}
        busy={remove.isPending}
        confirmLabel="Remove override"
        title={`Remove the ${removing?.o.effect ?? ""} override on ${removing?.p.code ?? ""}?`}
        description={
          <>
            {user.name}’s roles decide this permission again
            {removing?.o.notes ? <> (the override said “{removing.o.notes}”)</> : null}.
          </>
        }
        onConfirm={() => removing && remove.mutate(removing)}
      />
    </Card>
  );
}
