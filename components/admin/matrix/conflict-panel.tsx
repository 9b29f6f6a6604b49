"use client";
import { RefreshCw, TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/format/dates";
import type { AuditEntry as AuditItem } from "@/lib/query/audit";

export interface StaleRole {
  roleId: string;
  name: string;
  yours: number;
  current: number | null;
  entries: AuditItem[];
}
export interface Conflict {
  detail: string;
  stale: StaleRole[];
  loading: boolean;
}

function ago(iso: string) {
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  return formatDateTime(iso);
}

const codesOf = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** "Ada Admin granted a, b and revoked c · 12 s ago", from an audit entry about the role. */
export function describeEntry(e: AuditItem): string {
  const who = e.actor ?? "Someone";
  const after = (e.after ?? {}) as Record<string, unknown>;
  const added = codesOf(after.added);
  const removed = codesOf(after.removed);
  let what: string;
  if (e.action === "role.permissions.updated") {
    what =
      [added.length ? `granted ${added.join(", ")}` : "", removed.length ? `revoked ${removed.join(", ")}` : ""]
        .filter(Boolean)
        .join(" and ") || "changed its grants";
  } else if (e.action === "approval.requested") what = `requested approval for ${e.permission_code ?? "a permission"}`;
  else if (e.action === "role.updated") what = "edited the role (name, parents or default)";
  else if (e.action === "role.deleted") what = "deleted the role";
  else if (e.action === "role.created") what = "created the role";
  else what = e.action;
  return `${who} ${what} · ${ago(e.created_at)}`;
}

/** A refused save (409): which roles moved on, who changed what (from the audit log, if the viewer may read it), and Reload. */
export function ConflictPanel({
  conflict,
  onReload,
  onDiscard,
  reloading,
}: {
  conflict: Conflict;
  onReload: () => void;
  onDiscard: () => void;
  reloading: boolean;
}) {
  return (
    <div role="alert" className="rounded-xl border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 items-start gap-2">
          <TriangleAlert className="mt-0.5 size-4 shrink-0 text-amber-600" aria-hidden />
          <div className="min-w-0">
            <p className="font-semibold">
              Not saved: someone changed {conflict.stale.length === 1 ? "a role" : "roles"} while you were editing.
            </p>
            <p className="mt-0.5 text-amber-900/80">Nothing was written (all or nothing). {conflict.detail}</p>
          </div>
        </div>
        <div className="flex shrink-0 gap-2">
          <Button size="sm" variant="secondary" onClick={onDiscard} disabled={reloading}>
            Discard my changes
          </Button>
          <Button size="sm" onClick={onReload} disabled={reloading}>
            <RefreshCw className="size-3.5" aria-hidden />
            {reloading ? "Reloading…" : "Reload and re-apply"}
          </Button>
        </div>
      </div>
      {conflict.loading ? (
        <p className="mt-2 pl-6 text-amber-900/80">Finding out what changed…</p>
      ) : (
        <ul className="mt-2 space-y-2 pl-6">
          {conflict.stale.map((s) => (
            <li key={s.roleId}>
              <p>
                <strong className="font-semibold">{s.name}</strong>{" "}
                {s.current === null
                  ? "was deleted."
                  : `is now at version ${s.current} (you edited version ${s.yours}).`}
              </p>
              {s.entries.length > 0 && (
                <ul className="mt-1 space-y-0.5 text-amber-900/90">
                  {s.entries.map((e) => (
                    <li key={e.id} className="before:mr-1.5 before:content-['•']">
                      {describeEntry(e)}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
