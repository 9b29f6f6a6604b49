/**
 * Decisions, sources and audit entries in an admin's words. Pure: the override editor, the explain
 * panel and the history all read from here, so one permission is described the same way everywhere.
 */

import { formatDate as day, formatDateTime as dayAndTime } from "@/lib/format/dates";
import type { Decision, ExplainStep, Via } from "@/lib/permissions/types";
import type { UserAuditEntry, UserPermission } from "@/lib/query/users";

export type Tone = "green" | "red" | "amber" | "slate" | "brand";

/** A date of an entry that may have none (an override without expiry): empty then. */
export function formatDate(iso: string | number | null | undefined): string {
  return iso == null ? "" : day(iso);
}
export function formatDateTime(iso: string | number | null | undefined): string {
  return iso == null ? "" : dayAndTime(iso);
}

/** "in 3 days", "in 5 hours", "expired": how soon an expiry comes. */
export function untilText(iso: string, now = Date.now()): string {
  const ms = Date.parse(iso) - now;
  if (ms <= 0) return "expired";
  const hours = Math.round(ms / 3_600_000);
  if (hours < 48) return `in ${Math.max(1, hours)} hour${hours === 1 ? "" : "s"}`;
  const days = Math.round(hours / 24);
  return `in ${days} days`;
}

const narrowScopes: Record<string, string> = {
  department: "only in their department",
  team: "only for their teams",
  personal: "only for what they own",
};

function viaRole(via: Extract<Via, { kind: "role" }>, code: string): string {
  const role = via.through_role ? `role ${via.through_role} (inherited from ${via.role})` : `role ${via.role}`;
  const parent = via.code !== code ? ` through parent code ${via.code}` : "";
  const scope = narrowScopes[via.scope] ? `, ${narrowScopes[via.scope]}` : "";
  return `${role}${parent}${scope}`;
}

/** One sentence for a whole decision: "Granted by role Field Engineer (inherited from …) through parent code …". */
export function decisionSentence(d: Pick<Decision, "granted" | "reason" | "via">, code: string): string {
  const via = d.via;
  switch (d.reason) {
    case "unknown":
      return `Denied: ${code} is not in the catalog.`;
    case "inactive":
      return `Denied: ${code} is inactive.`;
    case "plan":
      return via?.kind === "plan"
        ? `Denied by the plan: menu item ${via.menu_item} is not in the tenant’s plan${via.plans.length ? ` (included in ${via.plans.join(", ")})` : ""}.`
        : "Denied by the tenant’s plan.";
    case "superadmin":
      return "Granted: the user is a platform super-admin.";
    case "override":
      if (via?.kind !== "override") return d.granted ? "Granted by a direct override." : "Denied by a direct override.";
      return `${d.granted ? "Granted" : "Denied"} by a direct ${via.effect} override${via.code !== code ? ` on parent code ${via.code}` : ""}${via.expires_at ? `, until ${formatDateTime(via.expires_at)}` : ""}.`;
    case "role":
      return via?.kind === "role" ? `Granted by ${viaRole(via, code)}.` : "Granted by a role.";
    case "dependency":
      return via?.kind === "dependency"
        ? `Denied: it depends on ${via.code}, which the user does not have.`
        : "Denied: a dependency is missing.";
    default:
      return "Denied: no role or override grants it.";
  }
}

/** The short "source" of a row of the override editor, with a tone and a longer tooltip. */
export function sourceLabel(p: Pick<UserPermission, "code" | "granted" | "reason" | "source" | "via">): {
  label: string;
  detail: string;
  tone: Tone;
} {
  const via = (p.via ?? null) as Via | null;
  const detail = decisionSentence({ granted: p.granted, reason: p.reason, via }, p.code);
  switch (p.reason) {
    case "role":
      if (via?.kind !== "role") return { label: "Role", detail, tone: "green" };
      return {
        label: `Role ${via.through_role ?? via.role}${via.through_role ? `, inherited from ${via.role}` : ""}${via.code !== p.code ? ` · parent ${via.code}` : ""}`,
        detail,
        tone: "green",
      };
    case "superadmin":
      return { label: "Platform super-admin", detail, tone: "brand" };
    case "override":
      return {
        label: `Direct ${p.granted ? "allow" : "deny"}${via?.kind === "override" && via.code !== p.code ? ` · parent ${via.code}` : ""}`,
        detail,
        tone: p.granted ? "green" : "red",
      };
    case "plan":
      return { label: "Blocked by plan", detail, tone: "amber" };
    case "dependency":
      return { label: `Missing dependency${via?.kind === "dependency" ? ` ${via.code}` : ""}`, detail, tone: "amber" };
    case "inactive":
      return { label: "Inactive permission", detail, tone: "slate" };
    case "unknown":
      return { label: "Unknown code", detail, tone: "slate" };
    default:
      return { label: "Not granted", detail, tone: "slate" };
  }
}

export const STEP_TITLES: Record<ExplainStep["rule"], string> = {
  membership: "Membership",
  unknown: "In the catalog",
  inactive: "Active",
  plan: "Plan",
  superadmin: "Platform super-admin",
  override: "Direct overrides",
  role: "Roles",
  none: "Nothing else grants it",
  dependency: "Dependencies",
  mfa: "Multi-factor",
  deprecated: "Deprecation",
};

/** Whether a step was never evaluated (decided earlier), to dim it. */
export const notReached = (s: ExplainStep) => s.outcome === "skip" && s.detail.startsWith("Not reached");

/** The badge of a step: granted / denied where a rule decided, "Checked" where it passed on, "Not reached" after. */
export function outcomeLabel(s: ExplainStep): { label: string; tone: Tone } {
  if (s.outcome === "granted") return { label: "Granted", tone: "green" };
  if (s.outcome === "denied") return { label: "Denied", tone: "red" };
  if (s.outcome === "info") return { label: "Note", tone: "brand" };
  return notReached(s) ? { label: "Not reached", tone: "slate" } : { label: "Checked", tone: "slate" };
}

const effectWord = (e: unknown) => (e === "allow" ? "an allow" : e === "deny" ? "a deny" : "an");
const rec = (v: unknown): Record<string, unknown> => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});

/** A history entry as a sentence ("Assigned role Engineer Lead until 3 Dec 2026"). */
export function auditSentence(
  e: Pick<UserAuditEntry, "action" | "permission_code" | "before" | "after" | "notes">,
  roleName: (id: string) => string | undefined,
): string {
  const before = rec(e.before);
  const after = rec(e.after);
  const code = e.permission_code ?? "a permission";
  const until = (v: unknown) => (typeof v === "string" && v ? ` until ${formatDateTime(v)}` : "");
  switch (e.action) {
    case "user.created": {
      const roles = Array.isArray(after.role_ids)
        ? (after.role_ids as string[]).map((id) => roleName(id) ?? "a role")
        : [];
      return `${after.existing_account ? "Added an existing account to the tenant" : "Created the user"}${roles.length ? ` with ${roles.join(", ")}` : ""}`;
    }
    case "invitation.accepted": {
      const roles = Array.isArray(after.role_ids)
        ? (after.role_ids as string[]).map((id) => roleName(id) ?? "a role")
        : [];
      return `Joined the tenant by accepting an invitation${roles.length ? `, with ${roles.join(", ")}` : ""}`;
    }
    case "user.role.assigned": {
      const name = String(after.role ?? roleName(String(after.role_id)) ?? "a role");
      return `${e.before ? "Re-assigned" : "Assigned"} role ${name}${until(after.expires_at)}`;
    }
    case "user.role.removed":
      return `Removed role ${String(before.role ?? roleName(String(before.role_id)) ?? "")}`.trim();
    case "user.override.set": {
      const was = e.before ? ` (was ${String(before.effect)})` : "";
      const approved = after.approval_id ? " after approval" : "";
      return `Set ${effectWord(after.effect)} override on ${code}${until(after.expires_at)}${was}${approved}`;
    }
    case "user.override.removed":
      return `Removed the ${String(before.effect ?? "")} override on ${code}`.replace("  ", " ");
    case "approval.requested":
      return `Requested approval to allow ${code}`;
    case "approval.approved":
      return `Approved the request for ${code}`;
    case "approval.rejected":
      return `Rejected the request for ${code}`;
    case "user.membership.updated":
      return after.status === "disabled" ? "Disabled the membership" : "Re-enabled the membership";
    case "user.membership.removed":
      return "Removed from the tenant";
    case "user.sessions.ended": {
      const n = Number(after.ended ?? 0);
      const why = after.reason === "membership_disabled" ? " (membership disabled)" : "";
      return `Signed out everywhere: ${n} session${n === 1 ? "" : "s"} ended${why}`;
    }
    default:
      return e.action.replaceAll(".", " ").replaceAll("_", " ");
  }
}

/** The tone of a history entry's dot: grants green, removals and denials red. */
export function auditTone(e: Pick<UserAuditEntry, "action" | "after">): Tone {
  const after = rec(e.after);
  if (e.action === "user.override.set") return after.effect === "deny" ? "red" : "green";
  if (e.action.endsWith(".removed") || e.action === "approval.rejected") return "red";
  if (e.action.startsWith("approval.")) return "amber";
  return "brand";
}

/** A `datetime-local` value (the admin's local time) as the ISO instant the API takes. */
export function localToIso(value: string): string | null {
  if (!value) return null;
  const t = new Date(value);
  return Number.isNaN(t.getTime()) ? null : t.toISOString();
}

/** An ISO instant as a `datetime-local` value in the admin's time zone. */
export function isoToLocal(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The note worth showing with a history entry: the decision's reason, or the override's own notes. */
export function auditNote(e: Pick<UserAuditEntry, "notes" | "after">): string | null {
  const notes = rec(e.after).notes;
  return e.notes ?? (typeof notes === "string" && notes ? notes : null);
}
