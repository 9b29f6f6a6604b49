"use client";
import { History } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateTime } from "@/lib/format/dates";
import { type AuditEntry as AuditItem, useAudit } from "@/lib/query/audit";
import { problemDetail } from "@/lib/query/hooks";

const LABELS: Record<string, string> = {
  "role.created": "Created",
  "role.updated": "Settings changed",
  "role.permissions.updated": "Permissions changed",
  "template.applied": "Template applied",
  "approval.requested": "Approval requested",
  "approval.approved": "Approval granted",
  "approval.rejected": "Approval rejected",
  "role.deleted": "Deleted",
};

type Json = Record<string, unknown> | null;
const obj = (v: unknown): Json =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function Codes({ codes, tone }: { codes: string[]; tone: "green" | "red" | "slate" }) {
  if (!codes.length) return null;
  const shown = codes.slice(0, 8);
  return (
    <span className="inline-flex flex-wrap gap-1">
      {shown.map((c) => (
        <Badge key={c} tone={tone} className="font-mono">
          {tone === "green" ? "+" : tone === "red" ? "−" : ""}
          {c}
        </Badge>
      ))}
      {codes.length > shown.length && <Badge>+{codes.length - shown.length} more</Badge>}
    </span>
  );
}

/** What one entry changed, in words: field changes, codes added and removed, the template used. */
function Summary({ entry, roleNames }: { entry: AuditItem; roleNames: Map<string, string> }) {
  const before = obj(entry.before);
  const after = obj(entry.after);
  const names = (ids: unknown) =>
    list(ids)
      .map((id) => roleNames.get(id) ?? "another role")
      .join(", ") || "none";
  if (entry.action === "role.updated" && before && after) {
    const changes: string[] = [];
    if (before.name !== after.name) changes.push(`name “${before.name}” → “${after.name}”`);
    if (before.description !== after.description) changes.push("description");
    if (before.is_default !== after.is_default) changes.push(after.is_default ? "made default" : "no longer default");
    if (JSON.stringify(list(before.parent_ids).sort()) !== JSON.stringify(list(after.parent_ids).sort()))
      changes.push(`inherits from ${names(before.parent_ids)} → ${names(after.parent_ids)}`);
    return <p className="text-sm text-slate-600">{changes.length ? changes.join(" · ") : "Saved without changes"}</p>;
  }
  if ((entry.action === "role.permissions.updated" || entry.action === "template.applied") && after) {
    const added = list(after.added),
      removed = list(after.removed),
      changed = list(after.changed),
      approvals = list(after.approval_ids);
    return (
      <div className="space-y-1 text-sm text-slate-600">
        {entry.action === "template.applied" && (
          <p>
            From template <strong className="font-medium text-slate-800">{String(after.template ?? "")}</strong>
          </p>
        )}
        <div className="flex flex-wrap items-center gap-1">
          <Codes codes={added} tone="green" />
          <Codes codes={removed} tone="red" />
          <Codes codes={changed} tone="slate" />
        </div>
        {!added.length && !removed.length && !changed.length && <p>No grant changed</p>}
        {approvals.length > 0 && (
          <p className="text-amber-700">
            {approvals.length} grant{approvals.length === 1 ? " awaits" : "s await"} approval
          </p>
        )}
      </div>
    );
  }
  if (entry.action === "role.created" && after)
    return (
      <p className="text-sm text-slate-600">
        As “{String(after.name)}”{list(after.parent_ids).length ? `, inheriting from ${names(after.parent_ids)}` : ""}
      </p>
    );
  if (entry.permission_code)
    return (
      <p className="text-sm text-slate-600">
        <code className="font-mono text-xs">{entry.permission_code}</code>
        {entry.notes ? ` — ${entry.notes}` : ""}
      </p>
    );
  return entry.notes ? <p className="text-sm text-slate-600">{entry.notes}</p> : null;
}

/** The audit entries about one role, newest first (the audit log filtered by target_type=role and target_id). */
export function RoleHistory({
  roleId,
  canView,
  roleNames,
}: {
  roleId: string;
  canView: boolean;
  roleNames: Map<string, string>;
}) {
  const params = { target_type: "role", target_id: roleId, limit: 50 };
  const audit = useAudit(params, { enabled: canView });
  if (!canView)
    return (
      <Card>
        <EmptyState
          icon={History}
          title="You cannot see the history"
          description="The audit log needs the View audit permission."
        />
      </Card>
    );
  if (audit.isError)
    return (
      <Card>
        <ErrorState
          title="Could not load the history"
          detail={problemDetail(audit.error)}
          onRetry={() => audit.refetch()}
        />
      </Card>
    );
  if (audit.isLoading)
    return (
      <Card className="space-y-2 p-4">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-12 w-full" />
        ))}
      </Card>
    );
  const entries = audit.data?.data ?? [];
  return (
    <Card>
      {entries.length === 0 ? (
        <EmptyState icon={History} title="No history yet" description="Changes to this role will be listed here." />
      ) : (
        <ol aria-label="Role history" className="divide-y divide-slate-100">
          {entries.map((e) => (
            <li key={e.id} className="flex gap-4 px-5 py-3">
              <span aria-hidden className="mt-1.5 size-2 shrink-0 rounded-full bg-brand-500" />
              <div className="min-w-0 flex-1 space-y-1">
                <div className="flex flex-wrap items-baseline gap-x-2">
                  <span className="text-sm font-medium text-slate-900">{LABELS[e.action] ?? e.action}</span>
                  <span className="text-xs text-slate-500">by {e.actor ?? e.actor_type}</span>
                  <time suppressHydrationWarning dateTime={e.created_at} className="ml-auto text-xs text-slate-500">
                    {formatDateTime(e.created_at)}
                  </time>
                </div>
                <Summary entry={e} roleNames={roleNames} />
              </div>
            </li>
          ))}
        </ol>
      )}
      {audit.data?.next_cursor && (
        <div className="border-t border-slate-100 px-5 py-3 text-right">
          <Button asChild variant="ghost" size="sm">
            <Link href={`/admin/audit?target_type=role&target_id=${roleId}`}>Older entries in the audit log</Link>
          </Button>
        </div>
      )}
    </Card>
  );
}
