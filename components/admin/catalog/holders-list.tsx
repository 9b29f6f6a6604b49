"use client";
import { Crown, ShieldCheck, UserCheck } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import type { GatehouseCode } from "@/lib/permissions/gatehouse-codes";
import { type PermissionHolder, usePermissionHolders } from "@/lib/query/catalog";
import { problemDetail } from "@/lib/query/hooks";

/** The rule that grants it, in words: the role (and the path to it), the override, or super-admin. */
export function holderRule(h: PermissionHolder, asked: string): string {
  const v = h.via;
  if (h.source === "superadmin" || v?.kind === "superadmin") return "Platform super-admin";
  if (v?.kind === "override")
    return `Allow override${v.code !== asked ? ` on ${v.code}` : ""}${v.expires_at ? `, until ${v.expires_at.slice(0, 10)}` : ""}`;
  if (v?.kind === "role") {
    const path = v.through_role ? `${v.role}, inherited through ${v.through_role}` : v.role;
    const code = v.code !== asked ? ` (grants ${v.code})` : "";
    const scope = v.scope !== "organization" && v.scope !== "global" ? `, ${v.scope} scope` : "";
    return `Role ${path}${code}${scope}`;
  }
  return "Role";
}

const ICON = { role: ShieldCheck, override: UserCheck, superadmin: Crown } as const;

/**
 * "Who can do this?": the members a permission is effective for (decided without a context), with
 * the rule that grants it, 50 at a time. Reading people needs gatehouse.users.view: without it the
 * panel says so instead of failing.
 */
export function HoldersList({ code, canViewUsers }: { code: string; canViewUsers: boolean }) {
  const q = usePermissionHolders(code, { enabled: canViewUsers });
  if (!canViewUsers)
    return (
      <p className="text-sm text-slate-500">
        Seeing who holds it needs{" "}
        <code className="font-mono text-xs">{"gatehouse.users.view" satisfies GatehouseCode}</code>.
      </p>
    );
  if (q.isPending) return <p className="text-sm text-slate-500">Looking for holders…</p>;
  if (q.isError) return <p className="text-sm text-red-700">{problemDetail(q.error)}</p>;
  const holders = q.data.pages.flatMap((p) => p.data);
  if (!holders.length) return <p className="text-sm text-slate-600">Nobody in this tenant holds it today.</p>;
  return (
    <div>
      <p className="mb-2 text-sm text-slate-600" aria-live="polite">
        {holders.length}
        {q.hasNextPage ? "+" : ""} member{holders.length === 1 && !q.hasNextPage ? "" : "s"} can use it
        {holders.some((h) => h.conditional) ? " (some only under a scope or conditions)" : ""}.
      </p>
      <ul aria-label={`Who holds ${code}`} className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200">
        {holders.map((h) => {
          const Icon = ICON[h.source];
          return (
            <li key={h.user_id} className="flex items-start gap-3 px-3 py-2">
              <Icon className="mt-0.5 size-4 shrink-0 text-slate-400" aria-hidden />
              <div className="min-w-0 flex-1">
                <Link
                  href={`/admin/users/${h.user_id}`}
                  className="block truncate text-sm font-medium text-slate-900 hover:underline"
                >
                  {h.name}
                </Link>
                <p className="truncate text-xs text-slate-500">{h.email}</p>
              </div>
              <div className="max-w-[55%] text-right text-xs text-slate-600">
                {holderRule(h, code)}
                {h.conditional && (
                  <span className="ml-1.5 inline-flex rounded bg-amber-50 px-1.5 py-0.5 text-[11px] font-medium text-amber-800 ring-1 ring-amber-200">
                    conditional
                  </span>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {q.hasNextPage && (
        <Button
          className="mt-2"
          size="sm"
          variant="secondary"
          disabled={q.isFetchingNextPage}
          onClick={() => void q.fetchNextPage()}
        >
          {q.isFetchingNextPage ? "Loading…" : "Show more"}
        </Button>
      )}
    </div>
  );
}
