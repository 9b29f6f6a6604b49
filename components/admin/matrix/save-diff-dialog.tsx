"use client";
import { ShieldAlert, TriangleAlert, Users } from "lucide-react";
import { type ReactNode, useState } from "react";
import { plural, ReviewDialog } from "@/components/admin/review-dialog";
import { Field, Textarea } from "@/components/ui/form";
import type { MatrixPermission } from "@/lib/query/matrix";
import { cn } from "@/lib/utils";
import { ApprovalChip, MfaChip, RiskChip } from "./badges";
import { type DiffSummary, isHighRisk, type RoleDiff } from "./changes";

/**
 * The save preview: per role what it gains and loses and whom that touches, with high-risk and
 * approval-needing items highlighted. Confirm sends every role in one all-or-nothing PATCH.
 */
export function SaveDiffDialog({
  open,
  onOpenChange,
  diff,
  busy,
  error,
  onConfirm,
  extra,
  extraCount = 0,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  diff: DiffSummary | null;
  busy: boolean;
  error: string | null;
  onConfirm: (reason?: string) => void;
  /** What else the save changes, laid out by the caller (the role editor: scope and conditions). */
  extra?: ReactNode;
  extraCount?: number;
}) {
  const total = diff ? diff.added + diff.removed + extraCount : 0;
  // A request reaches another admin: they decide better knowing why (required here; optional in the API).
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const asks = (diff?.approvals ?? 0) > 0;
  const confirm = () => {
    if (asks && !reason.trim()) return setMissing(true);
    onConfirm(asks ? reason : undefined);
  };
  return (
    <ReviewDialog
      open={open && diff !== null}
      onOpenChange={onOpenChange}
      title="Review changes before saving"
      description={
        diff && (
          <>
            {diff.added > 0 && <span className="font-medium text-emerald-700">+{diff.added} granted</span>}
            {diff.added > 0 && diff.removed > 0 && ", "}
            {diff.removed > 0 && <span className="font-medium text-red-700">−{diff.removed} revoked</span>} across{" "}
            {plural(diff.roles.length, "role")} · affects{" "}
            {diff.users ? `up to ${plural(diff.users, "user")}` : "no users yet"}
          </>
        )
      }
      total={total}
      busy={busy}
      error={error}
      onConfirm={confirm}
    >
      {diff && (diff.highRisk > 0 || diff.approvals > 0) && (
        <div className="space-y-1 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {diff.highRisk > 0 && (
            <p className="flex items-center gap-2">
              <ShieldAlert className="size-4 shrink-0" aria-hidden />
              {plural(diff.highRisk, "high-risk change")} (high or critical) — check them twice.
            </p>
          )}
          {diff.approvals > 0 && (
            <p className="flex items-center gap-2">
              <TriangleAlert className="size-4 shrink-0" aria-hidden />
              {plural(diff.approvals, "grant needs", "grants need")} approval:{" "}
              {diff.approvals === 1 ? "it becomes a request" : "they become requests"} another admin must approve.
            </p>
          )}
        </div>
      )}
      {asks && (
        <Field
          id="request-reason"
          label="Why do you ask? (for the approver)"
          error={missing ? "Say why: the admin who decides reads it with the request." : undefined}
          hint="Kept on the approval request and shown to the admin who decides."
        >
          <Textarea
            id="request-reason"
            value={reason}
            maxLength={1000}
            aria-invalid={missing || undefined}
            aria-describedby={missing ? "request-reason-error" : undefined}
            onChange={(e) => {
              setReason(e.target.value);
              setMissing(false);
            }}
            placeholder="e.g. Finance closes the year next week and needs to fix journal entries"
          />
        </Field>
      )}
      {diff?.roles.map((d) => (
        <RoleSection key={d.roleId} diff={d} />
      ))}
      {extra}
    </ReviewDialog>
  );
}

/** Who the change reaches: the role's own members, then those of each role inheriting from it. */
function viaText(d: RoleDiff) {
  const through = d.inheritedBy.reduce((n, r) => n + r.users, 0);
  return [`${d.users - through} directly`, ...d.inheritedBy.map((r) => `${r.users} through ${r.name}`)].join(", ");
}

function RoleSection({ diff: d }: { diff: RoleDiff }) {
  return (
    <section aria-label={`Changes to ${d.name}`} className="rounded-lg border border-slate-200">
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 bg-slate-50/70 px-3 py-2">
        <h3 className="text-sm font-semibold text-slate-900">
          {d.name} <span className="font-normal text-slate-500">· version {d.version}</span>
        </h3>
        <p className="flex items-center gap-2 text-xs text-slate-600">
          {d.added.length > 0 && <span className="font-medium text-emerald-700">+{d.added.length}</span>}
          {d.removed.length > 0 && <span className="font-medium text-red-700">−{d.removed.length}</span>}
          <span className="inline-flex items-center gap-1">
            <Users className="size-3.5" aria-hidden />
            affects {plural(d.users, "user")}
            {d.inheritedBy.length > 0 && <> ({viaText(d)})</>}
          </span>
        </p>
      </header>
      <ul className="divide-y divide-slate-100 text-sm">
        {d.added.map((p) => (
          <Item key={`+${p.code}`} perm={p} sign="+" />
        ))}
        {d.removed.map((p) => (
          <Item key={`-${p.code}`} perm={p} sign="−" />
        ))}
      </ul>
    </section>
  );
}

function Item({ perm, sign }: { perm: MatrixPermission; sign: "+" | "−" }) {
  const approval = sign === "+" && perm.requires_approval;
  const high = isHighRisk(perm);
  return (
    <li
      className={cn("flex items-center gap-2 px-3 py-1.5", approval ? "bg-amber-50/70" : high && "bg-orange-50/60")}
      data-highlight={approval ? "approval" : high ? "high-risk" : undefined}
    >
      <span
        aria-hidden
        className={cn("w-3 font-mono font-semibold", sign === "+" ? "text-emerald-700" : "text-red-700")}
      >
        {sign}
      </span>
      <span className="sr-only">{sign === "+" ? "grant" : "revoke"}</span>
      <code className="font-mono text-[13px] text-slate-900">{perm.code}</code>
      <span className="truncate text-xs text-slate-500">{perm.name}</span>
      <span className="ml-auto flex shrink-0 items-center gap-1">
        {perm.requires_mfa && <MfaChip />}
        {approval && <ApprovalChip />}
        {(high || perm.risk_level === "medium") && <RiskChip risk={perm.risk_level} />}
      </span>
    </li>
  );
}
