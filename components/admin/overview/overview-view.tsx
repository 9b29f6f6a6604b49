import { ArrowRight, BadgeCheck, Grid3x3, ScrollText, ShieldPlus, UserPlus } from "lucide-react";
import Link from "next/link";
import { actionName } from "@/components/admin/audit/action-names";
import { actionTone, recordedName } from "@/components/admin/audit/target-label";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TimeAgo } from "@/components/ui/time-ago";
import type { Approval } from "@/lib/query/approvals";
import type { AuditEntry } from "@/lib/query/audit";
import { cn } from "@/lib/utils";

export interface Tile {
  label: string;
  value: number;
  href: string;
  hint: string;
  attention?: boolean;
}

/**
 * The overview's body: numbers that open their pages, shortcuts to the everyday tasks, what waits
 * for approval and the latest changes. `approvals` / `audit` are null when the viewer may not see them.
 */
export function OverviewView({
  tiles,
  canMatrix,
  approvals,
  pendingTotal,
  audit,
  names = {},
}: {
  tiles: Tile[];
  canMatrix: boolean;
  approvals: Approval[] | null;
  pendingTotal: number;
  audit: AuditEntry[] | null;
  names?: Record<string, string>;
}) {
  return (
    <div className="space-y-6">
      <nav aria-label="Tenant at a glance" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {tiles.map((t) => (
          <Link
            key={t.label}
            href={t.href}
            className="group rounded-xl focus-visible:outline-2 focus-visible:outline-brand-500"
            data-testid="overview-tile"
          >
            <Card
              className={cn(
                "h-full p-5 transition-shadow group-hover:shadow-md",
                t.attention && "border-amber-300 bg-amber-50/40",
              )}
            >
              <p className="flex items-center justify-between text-sm font-medium text-slate-500">
                {t.label}
                <ArrowRight
                  className="size-4 text-slate-300 transition-colors group-hover:text-brand-600"
                  aria-hidden
                />
              </p>
              <p
                className={cn(
                  "mt-1 text-3xl font-semibold tabular-nums text-slate-900",
                  t.attention && "text-amber-700",
                )}
              >
                {t.value.toLocaleString("en")}
              </p>
              <p className="mt-1 text-xs text-slate-500">{t.hint}</p>
            </Card>
          </Link>
        ))}
      </nav>

      {canMatrix && (
        <Card className="flex flex-wrap items-center gap-4 px-5 py-4">
          <span className="grid size-10 shrink-0 place-items-center rounded-lg bg-brand-50 text-brand-700">
            <Grid3x3 className="size-5" aria-hidden />
          </span>
          <div className="min-w-0 flex-1">
            <h2 className="text-sm font-semibold text-slate-900">Permission matrix</h2>
            <p className="text-sm text-slate-500">
              Every permission against every role on one screen: grant and revoke in bulk, review the difference, save
              once.
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button asChild>
              <Link href="/admin/matrix">Open the matrix</Link>
            </Button>
            <Button asChild variant="secondary">
              <Link href="/admin/roles">
                <ShieldPlus className="size-4" aria-hidden />
                Roles
              </Link>
            </Button>
            <Button asChild variant="secondary">
              <Link href="/admin/users">
                <UserPlus className="size-4" aria-hidden />
                Users
              </Link>
            </Button>
          </div>
        </Card>
      )}

      <div className="grid items-start gap-6 xl:grid-cols-2">
        {approvals && (
          <Card aria-labelledby="overview-approvals" className="overflow-hidden">
            <CardHeader
              title="Waiting for approval"
              description={
                pendingTotal
                  ? `${pendingTotal} request${pendingTotal === 1 ? "" : "s"} a second admin must decide`
                  : "Grants of permissions marked “requires approval” wait here."
              }
              action={
                <Link href="/admin/approvals" className="shrink-0 text-sm font-medium text-brand-700 hover:underline">
                  All approvals
                </Link>
              }
            />
            <span id="overview-approvals" className="sr-only">
              Waiting for approval
            </span>
            {approvals.length === 0 ? (
              <EmptyState icon={BadgeCheck} title="Nothing waiting for a decision" />
            ) : (
              <ul className="divide-y divide-slate-100" aria-label="Pending approvals">
                {approvals.map((a) => (
                  <li key={a.id} className="flex items-center gap-3 px-5 py-3 text-sm">
                    <div className="min-w-0 flex-1">
                      <code className="font-mono text-[13px] text-slate-900">{a.permission.code}</code>
                      <p className="truncate text-xs text-slate-500">
                        to{" "}
                        {a.role ? (
                          <>
                            role <span className="font-medium text-slate-700">{a.role.name}</span>
                          </>
                        ) : (
                          <>
                            user{" "}
                            <span className="font-medium text-slate-700">{a.user?.email ?? "a former member"}</span>
                          </>
                        )}
                        {" · "}asked by {a.requested_by.email ?? "a former admin"}
                      </p>
                    </div>
                    <TimeAgo iso={a.created_at} className="shrink-0 text-xs text-slate-500" />
                  </li>
                ))}
              </ul>
            )}
          </Card>
        )}
        {audit && (
          <Card aria-labelledby="overview-audit" className="overflow-hidden">
            <CardHeader
              title="Recent changes"
              description="The latest entries of the audit log"
              action={
                <Link href="/admin/audit" className="shrink-0 text-sm font-medium text-brand-700 hover:underline">
                  Audit log
                </Link>
              }
            />
            <span id="overview-audit" className="sr-only">
              Recent changes
            </span>
            {audit.length === 0 ? (
              <EmptyState icon={ScrollText} title="No changes yet" />
            ) : (
              <ul className="divide-y divide-slate-100" aria-label="Recent audit entries">
                {audit.map((e) => {
                  // A target without a name (deleted before names were recorded) reads by its type, never its id.
                  const named = recordedName(e) ?? (e.target_id ? names[e.target_id] : undefined);
                  const type = e.target_type?.replace("_", " ");
                  const target = type ? (named ? `${type} ${named}` : `a ${type}`) : null;
                  return (
                    <li key={e.id} className="flex items-center gap-3 px-5 py-2.5 text-sm">
                      <Badge tone={actionTone(e.action)} className="shrink-0" title={e.action}>
                        {actionName(e.action)}
                      </Badge>
                      <p className="min-w-0 flex-1 truncate text-slate-700">
                        {target ?? <span className="text-slate-400">—</span>}
                        {e.permission_code && (
                          <code className="ml-1.5 font-mono text-xs text-slate-500">{e.permission_code}</code>
                        )}
                        <span className="text-slate-400"> · {e.actor ?? "system"}</span>
                      </p>
                      <TimeAgo iso={e.created_at} className="shrink-0 text-xs text-slate-500" />
                    </li>
                  );
                })}
              </ul>
            )}
          </Card>
        )}
      </div>
    </div>
  );
}
