import { Shield, User } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
/** One risk style for every page: components/ui/risk-badge.tsx. */
import { RiskBadge } from "@/components/ui/risk-badge";
import { formatDate } from "@/lib/format/dates";
import type { Approval } from "@/lib/query/approvals";

export { RiskBadge };

/** What the request would grant: the permission (code, name, risk) and how (scope, or override effect). */
export function WouldGrant({ approval }: { approval: Approval }) {
  const p = approval.payload as Record<string, unknown>;
  const detail =
    approval.kind === "role_grant"
      ? `${typeof p.scope === "string" ? p.scope : "organization"} scope${p.conditions ? " · with conditions" : ""}`
      : `direct ${p.effect === "deny" ? "deny" : "allow"}${typeof p.expires_at === "string" ? ` · until ${formatDate(p.expires_at)}` : ""}`;
  return (
    <div className="min-w-0">
      <div className="flex flex-wrap items-center gap-2">
        <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">
          {approval.permission.code}
        </code>
        <RiskBadge risk={approval.permission.risk_level} />
      </div>
      <p className="mt-1 text-sm text-slate-600">
        {approval.permission.name} <span className="text-slate-400">· {detail}</span>
      </p>
      <RequestDetails approval={approval} />
    </div>
  );
}

/** To whom: the role, or the user for an override; linked to their page. */
export function GrantTarget({ approval }: { approval: Approval }) {
  if (approval.role) {
    return (
      <Link
        href={`/admin/roles/${approval.role.id}`}
        className="inline-flex items-center gap-1.5 font-medium text-slate-800 hover:text-brand-700"
      >
        <Shield className="size-3.5 text-slate-400" aria-hidden />
        <span className="sr-only">Role </span>
        {approval.role.name}
      </Link>
    );
  }
  if (approval.user) {
    return (
      <Link
        href={`/admin/users/${approval.user.id}`}
        className="inline-flex items-center gap-1.5 font-medium text-slate-800 hover:text-brand-700"
      >
        <User className="size-3.5 text-slate-400" aria-hidden />
        <span className="sr-only">User </span>
        {approval.user.email}
      </Link>
    );
  }
  return <span className="text-slate-400">—</span>;
}

/** One sentence for the decide dialog: "Grant X (name) to the role Y at department scope." */
export function GrantSentence({ approval: a }: { approval: Approval }) {
  const p = a.payload as Record<string, unknown>;
  const code = <code className="font-mono text-[0.8125rem] font-medium text-slate-900">{a.permission.code}</code>;
  if (a.kind === "role_grant") {
    return (
      <p>
        Grant {code} ({a.permission.name}) to the role{" "}
        <strong className="font-medium text-slate-900">{a.role?.name ?? "?"}</strong> at{" "}
        {typeof p.scope === "string" ? p.scope : "organization"} scope.
      </p>
    );
  }
  return (
    <p>
      {p.effect === "deny" ? "Deny" : "Allow"} {code} ({a.permission.name}) directly for{" "}
      <strong className="font-medium text-slate-900">{a.user?.email ?? "?"}</strong>.
    </p>
  );
}

/** What the requester sent with the grant: the dependencies waiting in the same request, and their reason. */
export function requestDetails(approval: Approval): { dependencies: string[]; reason: string | null } {
  const p = approval.payload as Record<string, unknown>;
  const dependencies = Array.isArray(p.dependencies)
    ? p.dependencies
        .map((d) => (d && typeof d === "object" ? (d as Record<string, unknown>).code : null))
        .filter((c): c is string => typeof c === "string")
    : [];
  return { dependencies, reason: typeof p.reason === "string" && p.reason.trim() ? p.reason : null };
}

/** The dependencies that take effect with the grant, and the requester's reason, under what it would grant. */
export function RequestDetails({ approval }: { approval: Approval }) {
  const { dependencies, reason } = requestDetails(approval);
  if (!dependencies.length && !reason) return null;
  return (
    <div className="mt-1.5 space-y-1 text-sm">
      {dependencies.length > 0 && (
        <p className="text-slate-600" data-testid="approval-dependencies">
          <span className="text-slate-500">With its {dependencies.length === 1 ? "dependency" : "dependencies"}: </span>
          {dependencies.map((c, i) => (
            <span key={c}>
              {i > 0 && ", "}
              <code className="font-mono text-xs text-slate-800">{c}</code>
            </span>
          ))}
        </p>
      )}
      {reason && (
        <p className="text-slate-700" data-testid="approval-request-reason">
          <span className="text-slate-500">Why: </span>“{reason}”
        </p>
      )}
    </div>
  );
}
