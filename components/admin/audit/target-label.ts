import type { AuditEntry } from "@/lib/query/audit";

/** The name an entry recorded for its target (after, else before: a deleted role keeps it in `before`). */
export function recordedName(e: Pick<AuditEntry, "after" | "before">): string | null {
  for (const data of [e.after, e.before]) {
    if (!data || typeof data !== "object") continue;
    const d = data as Record<string, unknown>;
    if (typeof d.name === "string" && d.name) return d.name;
    if (typeof d.email === "string" && d.email) return d.email;
  }
  return null;
}

// UUIDs are long; eight characters tell entries apart on screen (the full id is in the title and the filter).
export const shortId = (id: string | null) => (id && /^[0-9a-f-]{36}$/i.test(id) ? `${id.slice(0, 8)}…` : (id ?? ""));

/** The colour of an action's badge: removals red, creations green, approvals amber, other changes brand. */
export function actionTone(action: string) {
  if (/\.(deleted|revoked|rejected|removed)$|^access\.denied$/.test(action)) return "red" as const;
  if (/\.(created|approved|assigned)$/.test(action)) return "green" as const;
  if (action.startsWith("approval.")) return "amber" as const;
  return "brand" as const;
}
