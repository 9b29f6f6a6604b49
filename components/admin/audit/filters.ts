import type { AuditAction } from "@/lib/validation/audit";

/** The page's filters as they stand in its URL (`/admin/audit?action=…&from=2025-01-31`). */
export interface AuditFilters {
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  from: string;
  to: string;
}
export const FILTER_KEYS = ["actor", "action", "target_type", "target_id", "from", "to"] as const;
export const NO_FILTERS: AuditFilters = { actor: "", action: "", target_type: "", target_id: "", from: "", to: "" };
export const PAGE_SIZE = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (v: string) => DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

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
  };
  return {
    ...f,
    actor: UUID.test(f.actor) ? f.actor : "",
    from: validDay(f.from) ? f.from : "",
    to: validDay(f.to) ? f.to : "",
  };
}

/**
 * The API's query for the filters: dates are whole UTC days, `to` inclusive. The server page
 * seeds exactly this, and the client asks for exactly this, so both share one cache key.
 */
export function auditApiParams(f: AuditFilters, cursor?: string) {
  return {
    actor_id: f.actor || undefined,
    action: f.action || undefined,
    target_type: f.target_type || undefined,
    target_id: f.target_id || undefined,
    from: f.from ? `${f.from}T00:00:00.000Z` : undefined,
    to: f.to ? `${f.to}T23:59:59.999Z` : undefined,
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

export const hasFilters = (f: AuditFilters) => FILTER_KEYS.some((k) => f[k] !== "");

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
