"use client";
import { History } from "lucide-react";
import Link from "next/link";
import { useMemo } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState, ErrorState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import type { GatehouseCode } from "@/lib/permissions/gatehouse-codes";
import { problemDetail } from "@/lib/query/hooks";
import { useRoles } from "@/lib/query/roles";
import { useUserAudit } from "@/lib/query/users";
import { cn } from "@/lib/utils";
import { auditNote, auditSentence, auditTone, formatDateTime, type Tone } from "./describe";

const AUDIT_VIEW = "gatehouse.audit.view" satisfies GatehouseCode;

const dot: Record<Tone, string> = {
  green: "bg-emerald-500",
  red: "bg-red-500",
  amber: "bg-amber-500",
  slate: "bg-slate-400",
  brand: "bg-brand-500",
};

/** What happened to this user, newest first, as sentences (GET /users/{id}/audit). */
export function UserHistory({
  userId,
  canViewAudit,
  canViewRoles,
}: {
  userId: string;
  canViewAudit: boolean;
  canViewRoles: boolean;
}) {
  const audit = useUserAudit(userId, { enabled: canViewAudit });
  const roles = useRoles(undefined, { enabled: canViewRoles });
  const roleName = useMemo(() => {
    const names = new Map((roles.data?.data ?? []).map((r) => [r.id, r.name]));
    return (id: string) => names.get(id);
  }, [roles.data]);

  return (
    <Card aria-label="History">
      <CardHeader
        title="History"
        description="Changes to this user’s access, newest first."
        action={
          canViewAudit ? (
            <Link
              href={`/admin/audit?target_type=user&target_id=${userId}`}
              className="text-sm font-medium text-brand-700 hover:underline"
            >
              Audit log
            </Link>
          ) : undefined
        }
      />
      {!canViewAudit ? (
        <p className="px-5 py-6 text-sm text-slate-500">
          Seeing the history needs the permission{" "}
          <code className="rounded bg-slate-100 px-1 font-mono text-xs">{AUDIT_VIEW}</code>.
        </p>
      ) : audit.isError ? (
        <ErrorState
          title="Could not load the history"
          detail={problemDetail(audit.error)}
          onRetry={() => audit.refetch()}
        />
      ) : audit.isLoading ? (
        <div className="space-y-3 p-5" role="status" aria-label="Loading history">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-10 w-full" />
          ))}
        </div>
      ) : !audit.data?.data.length ? (
        <EmptyState
          icon={History}
          title="No changes yet"
          description="Role assignments and overrides for this user will appear here."
        />
      ) : (
        <ol aria-label="History of changes" className="max-h-[28rem] overflow-y-auto px-5 py-4">
          {audit.data.data.map((e, i, all) => (
            <li key={e.id} className="relative flex gap-3 pb-4 last:pb-0">
              {i < all.length - 1 && (
                <span aria-hidden className="absolute left-[5px] top-4 h-full w-px bg-slate-200" />
              )}
              <span
                aria-hidden
                className={cn("relative mt-1.5 size-[11px] shrink-0 rounded-full ring-4 ring-white", dot[auditTone(e)])}
              />
              <div className="min-w-0 text-sm">
                <p className="text-slate-800">{auditSentence(e, roleName)}</p>
                {auditNote(e) && <p className="mt-0.5 text-xs italic text-slate-500">“{auditNote(e)}”</p>}
                <p className="mt-0.5 text-xs text-slate-400">
                  <time dateTime={e.created_at}>{formatDateTime(e.created_at)}</time> · {e.actor ?? "system"}
                </p>
              </div>
            </li>
          ))}
          {audit.data.next_cursor !== null && (
            <li className="pt-2 text-xs text-slate-500">
              Older changes are in the{" "}
              <Link
                href={`/admin/audit?target_type=user&target_id=${userId}`}
                className="font-medium text-brand-700 hover:underline"
              >
                audit log
              </Link>
              .
            </li>
          )}
        </ol>
      )}
    </Card>
  );
}
