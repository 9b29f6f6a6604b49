import type { AuditAction } from "@/lib/validation/audit";

/** The page's filters as they stand in its URL (`/admin/audit?action=…&from=2025-01-31`). */
export interface AuditFilters {
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  from: string;
  to: string;
  /** The viewer's IANA time zone: `from` and `to` are days there (stored times are UTC). Empty: UTC. */
  tz: string;
}
export const FILTER_KEYS = ["actor", "action", "target_type", "target_id", "from", "to", "tz"] as const;
export const NO_FILTERS: AuditFilters = {
  actor: "",
  action: "",
  target_type: "",
  target_id: "",
  from: "",
  to: "",
  tz: "",
};
export const PAGE_SIZE = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (v: string) => DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
function validZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** How far `tz`'s wall clock is ahead of UTC at instant `t` (ms). */
function offsetAt(t: number, tz: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: tz,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(t));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second")) - (t - (t % 1000));
}

/** The UTC instant at which `day` (YYYY-MM-DD) begins in time zone `tz` (UTC when empty). */
export function dayStart(day: string, tz: string): Date {
  const wall = Date.parse(`${day}T00:00:00Z`);
  if (!tz) return new Date(wall);
  // Twice: the offset at the first guess may differ from the offset at midnight (a DST change).
  const first = wall - offsetAt(wall, tz);
  return new Date(wall - offsetAt(first, tz));
}

/** The day (YYYY-MM-DD) an instant falls on in time zone `tz`. */
export function dayIn(instant: Date, tz: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: tz || "UTC" }).format(instant);
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The presets of the date filter, as days in the viewer's time zone. */
export function datePreset(preset: "today" | "yesterday" | "week", tz: string, now = new Date()) {
  const today = dayIn(now, tz);
  const back = (days: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
  if (preset === "today") return { from: today, to: today };
  if (preset === "yesterday") return { from: back(1), to: back(1) };
  return { from: back(6), to: today };
}

/** Reads the URL's filters, dropping what the API would refuse (a hand-edited link must not 500). */
export function parseAuditFilters(search: Record<string, string | string[] | undefined>): AuditFilters {
  const one = (k: string) => {
    const v = search[k];
    return (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
  };
  const f = {
    actor: one("actor"),
    action: one("action").slice(0, 100),
    target_type: one("target_type").slice(0, 50),
    target_id: one("target_id").slice(0, 100),
    from: one("from"),
    to: one("to"),
    tz: one("tz"),
  };
  return {
    ...f,
    tz: validZone(f.tz) ? f.tz : "",
    actor: UUID.test(f.actor) ? f.actor : "",
    from: validDay(f.from) ? f.from : "",
    to: validDay(f.to) ? f.to : "",
  };
}

/**
 * The API's query for the filters: dates are whole days in the viewer's time zone (`tz`, else UTC),
 * `to` inclusive, sent as the UTC instants they begin and end at. The server page
 * seeds exactly this, and the client asks for exactly this, so both share one cache key.
 */
export function auditApiParams(f: AuditFilters, cursor?: string) {
  return {
    actor_id: f.actor || undefined,
    action: f.action || undefined,
    target_type: f.target_type || undefined,
    target_id: f.target_id || undefined,
    from: f.from ? dayStart(f.from, f.tz).toISOString() : undefined,
    to: f.to ? new Date(dayStart(nextDay(f.to), f.tz).getTime() - 1).toISOString() : undefined,
    limit: PAGE_SIZE,
    cursor,
  };
}

/** The page URL for a set of filters (empty ones left out). */
export function auditHref(f: AuditFilters): string {
  const search = new URLSearchParams();
  for (const k of FILTER_KEYS) if (f[k]) search.set(k, f[k]);
  const s = search.toString();
  return s ? `/admin/audit?${s}` : "/admin/audit";
}

export const hasFilters = (f: AuditFilters) => FILTER_KEYS.some((k) => k !== "tz" && f[k] !== "");

/** The typed event names of the log (lib/services/audit-chain.ts), offered as suggestions. */
export const KNOWN_ACTIONS = [
  "role.created",
  "role.updated",
  "role.deleted",
  "role.permissions.updated",
  "role.parents.updated",
  "user.created",
  "user.role.assigned",
  "user.role.removed",
  "user.override.set",
  "user.override.removed",
  "user.membership.updated",
  "user.membership.removed",
  "invitation.created",
  "invitation.accepted",
  "invitation.revoked",
  "user.sessions.ended",
  "permission.created",
  "permission.updated",
  "permission.deleted",
  "permission.dependencies.updated",
  "module.created",
  "module.updated",
  "module.deleted",
  "menu_item.created",
  "menu_item.updated",
  "menu_item.deleted",
  "template.created",
  "template.updated",
  "template.deleted",
  "template.applied",
  "plan.created",
  "plan.updated",
  "plan.features.updated",
  "tenant.created",
  "tenant.updated",
  "policy.applied",
  "department.created",
  "department.updated",
  "department.deleted",
  "team.created",
  "team.updated",
  "team.deleted",
  "team.members.updated",
  "user.department.updated",
  "policy.legacy_menus_migrated",
  "approval.requested",
  "approval.approved",
  "approval.rejected",
  "api_key.created",
  "api_key.revoked",
  "access.denied",
] as const satisfies readonly AuditAction[];
// Fails to compile when an action is added to AuditAction but not offered here.
const everyAction: Exclude<AuditAction, (typeof KNOWN_ACTIONS)[number]> extends never ? true : never = true;
void everyAction;
export const TARGET_TYPES = [
  "role",
  "user",
  "permission",
  "module",
  "menu_item",
  "template",
  "plan",
  "tenant",
  "api_key",
  "policy",
  "department",
  "team",
];
