/**
 * Decision values. Decisions handed out by the engine are frozen and, where they do not depend on
 * the user (unknown, inactive, plan, none, superadmin), shared: the hot path allocates nothing.
 */
import type { Decision, Reason, SnapshotPermission, Via } from "./types";

function freezeVia(via: Via | null): Via | null {
  if (via === null) return null;
  if (via.kind === "plan") Object.freeze(via.plans);
  return Object.freeze(via);
}

export function makeDecision(
  perm: SnapshotPermission | undefined,
  granted: boolean,
  reason: Reason,
  via: Via | null,
  conditional = false,
): Decision {
  const deprecated = perm !== undefined && perm.deprecated;
  return Object.freeze({
    granted,
    reason,
    via: freezeVia(via),
    requires_mfa: perm !== undefined && perm.requiresMfa,
    deprecated,
    replacement: deprecated ? (perm.replacementCode ?? null) : null,
    // Only present when true: most decisions are unconditional and stay as they were.
    ...(conditional ? { conditional: true } : {}),
  });
}

/** A code in neither catalog (rule 1). */
export const UNKNOWN: Decision = makeDecision(undefined, false, "unknown", null);

/** A non-member asking about a code in neither catalog: the membership gate speaks first. */
export const NONE_UNKNOWN: Decision = makeDecision(undefined, false, "none", null);

export function expiresAtIso(expiresAt: number | null): string | null {
  return expiresAt === null ? null : new Date(expiresAt).toISOString();
}

/**
 * One object per distinct decision in a tenant: all codes granted through the same ancestor
 * grant (or denied for the same missing dependency) share it — fewer objects, hotter caches.
 */
export class DecisionInterner {
  private readonly byContent = new Map<string, Decision>();

  intern(decision: Decision): Decision {
    const key = JSON.stringify(decision);
    const known = this.byContent.get(key);
    if (known !== undefined) return known;
    this.byContent.set(key, decision);
    return decision;
  }

  get size(): number {
    return this.byContent.size;
  }
}
