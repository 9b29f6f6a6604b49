"use client";
import { ChevronRight, ScrollText } from "lucide-react";
import Link from "next/link";
import { Fragment, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Th } from "@/components/ui/table";
import { TimeAgo } from "@/components/ui/time-ago";
import { type AuditEntry, useAudit } from "@/lib/query/audit";
import { problemDetail } from "@/lib/query/hooks";
import { cn } from "@/lib/utils";
import { actionName } from "./action-names";
import { AuditDiff } from "./audit-diff";
import { type AuditFilters, auditApiParams, auditHref, hasFilters } from "./filters";
import { actionTone, shortId } from "./target-label";
import { useTargetName } from "./target-names";

const COLS = 6;

/** The log, newest first, one page of 50 after another ("Load more" follows the cursor). */
export function AuditEntries({ filters }: { filters: AuditFilters }) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  return (
    <Table className="table-fixed">
      <thead>
        <tr>
          <Th className="w-10">
            <span className="sr-only">Details</span>
          </Th>
          <Th className="w-32">When</Th>
          <Th className="w-52">Actor</Th>
          <Th className="w-60">Action</Th>
          <Th>Target</Th>
          <Th className="w-52">Permission</Th>
        </tr>
      </thead>
      {cursors.map((cursor, i) => (
        <EntryPage
          key={cursor ?? "first"}
          filters={filters}
          cursor={cursor}
          isFirst={i === 0}
          isLast={i === cursors.length - 1}
          onMore={(c) => setCursors((all) => [...all, c])}
        />
      ))}
    </Table>
  );
}

function EntryPage({
  filters,
  cursor,
  isFirst,
  isLast,
  onMore,
}: {
  filters: AuditFilters;
  cursor?: string;
  isFirst: boolean;
  isLast: boolean;
  onMore: (c: string) => void;
}) {
  const q = useAudit(auditApiParams(filters, cursor));
  const [open, setOpen] = useState<Set<string>>(new Set());
  if (q.isPending) {
    return (
      <tbody aria-busy="true">
        {Array.from({ length: 4 }, (_, i) => (
          <tr key={i}>
            <td colSpan={COLS} className="px-4 py-2">
              <Skeleton className="h-8 w-full" />
            </td>
          </tr>
        ))}
      </tbody>
    );
  }
  if (q.isError) {
    return (
      <tbody>
        <tr>
          <td colSpan={COLS}>
            <ErrorState
              title="Could not load the audit log"
              detail={problemDetail(q.error)}
              onRetry={() => void q.refetch()}
            />
          </td>
        </tr>
      </tbody>
    );
  }
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <tbody>
      {isFirst && q.data.data.length === 0 && (
        <tr>
          <td colSpan={COLS}>
            <EmptyState
              icon={ScrollText}
              title={hasFilters(filters) ? "No entries match these filters" : "The log is empty"}
              description={
                hasFilters(filters)
                  ? "Widen the date range or clear a filter."
                  : "Every change to roles, grants, users, templates, approvals and keys is recorded here."
              }
            />
          </td>
        </tr>
      )}
      {q.data.data.map((e) => (
        <Fragment key={e.id}>
          <EntryRow entry={e} filters={filters} expanded={open.has(e.id)} onToggle={() => toggle(e.id)} />
          {open.has(e.id) && (
            <tr id={`audit-${e.id}`} className="bg-slate-50/60">
              <td />
              <td colSpan={COLS - 1} className="border-b border-slate-100 px-4 pb-4 pt-1">
                <EntryDetails entry={e} />
              </td>
            </tr>
          )}
        </Fragment>
      ))}
      {isLast && q.data.next_cursor && (
        <tr>
          <td colSpan={COLS} className="px-4 py-3 text-center">
            <Button variant="secondary" size="sm" onClick={() => onMore(q.data.next_cursor!)}>
              Load more
            </Button>
          </td>
        </tr>
      )}
    </tbody>
  );
}

function EntryRow({
  entry: e,
  filters,
  expanded,
  onToggle,
}: {
  entry: AuditEntry;
  filters: AuditFilters;
  expanded: boolean;
  onToggle: () => void;
}) {
  const targetName = useTargetName(e);
  const td = "border-b border-slate-100 px-4 py-2.5 align-top text-slate-700";
  return (
    <tr
      className={cn("cursor-pointer hover:bg-slate-50/70", expanded && "bg-slate-50/60")}
      onClick={onToggle}
      data-testid="audit-row"
      data-seq={e.seq}
    >
      <td className={cn(td, "pr-0")}>
        <button
          type="button"
          aria-expanded={expanded}
          aria-controls={`audit-${e.id}`}
          aria-label={`${expanded ? "Hide" : "Show"} details of entry #${e.seq}`}
          onClick={(ev) => {
            ev.stopPropagation();
            onToggle();
          }}
          className="rounded p-0.5 text-slate-500 hover:bg-slate-200 hover:text-slate-700"
        >
          <ChevronRight className={cn("size-4 transition-transform", expanded && "rotate-90")} aria-hidden />
        </button>
      </td>
      <td className={td}>
        <TimeAgo iso={e.created_at} className="text-slate-800" />
        <p className="text-xs text-slate-400">#{e.seq}</p>
      </td>
      <td className={cn(td, "truncate")}>
        {e.actor_id ? (
          <Link
            href={auditHref({ ...filters, actor: e.actor_id })}
            onClick={(ev) => ev.stopPropagation()}
            className="hover:text-brand-700 hover:underline"
            title="Show only this actor’s entries"
          >
            {e.actor ?? e.actor_id}
          </Link>
        ) : (
          <span>{e.actor ?? "system"}</span>
        )}
        {e.actor_type !== "user" && (
          <Badge className="ml-1.5">{e.actor_type === "api_key" ? "API key" : e.actor_type}</Badge>
        )}
      </td>
      <td className={td}>
        <Badge tone={actionTone(e.action)} title={e.action} data-action={e.action}>
          {actionName(e.action)}
        </Badge>
      </td>
      <td className={cn(td, "truncate")}>
        {e.target_type ? (
          <Link
            href={auditHref({ ...filters, target_type: e.target_type, target_id: e.target_id ?? "" })}
            onClick={(ev) => ev.stopPropagation()}
            className="hover:text-brand-700 hover:underline"
            title={`${targetName ? `${targetName} · ` : ""}${e.target_id ? `id ${e.target_id} · ` : ""}show only entries about this ${e.target_type.replace("_", " ")}`}
            data-testid="audit-target"
          >
            <span className="text-slate-500">{e.target_type.replace("_", " ")}</span>{" "}
            {targetName ? (
              <span className="font-medium text-slate-800">{targetName}</span>
            ) : (
              <span className="font-mono text-xs">{shortId(e.target_id)}</span>
            )}
          </Link>
        ) : (
          <span className="text-slate-400">—</span>
        )}
      </td>
      <td className={cn(td, "truncate")}>
        {e.permission_code ? (
          <code className="font-mono text-xs">{e.permission_code}</code>
        ) : (
          <span className="text-slate-400">—</span>
        )}
      </td>
    </tr>
  );
}

function EntryDetails({ entry: e }: { entry: AuditEntry }) {
  return (
    <div className="space-y-3 pt-2">
      {e.notes && (
        <p className="whitespace-pre-wrap rounded-md border border-slate-200 bg-white px-3 py-2 text-sm text-slate-700">
          <span className="font-medium text-slate-500">Notes: </span>
          {e.notes}
        </p>
      )}
      <AuditDiff before={e.before} after={e.after} />
      <dl className="grid gap-x-6 gap-y-1 text-xs text-slate-500 sm:grid-cols-[auto_1fr]">
        <dt className="font-medium">Time</dt>
        <dd className="font-mono">{e.created_at}</dd>
        <dt className="font-medium">From</dt>
        <dd className="truncate">
          {e.ip ?? "unknown address"}
          {e.user_agent ? ` · ${e.user_agent}` : ""}
        </dd>
        <dt className="font-medium">Entry hash</dt>
        <dd className="truncate font-mono">{e.hash}</dd>
      </dl>
    </div>
  );
}
