/**
 * "Grant only what you hold" (docs/design.md §3.5) for scope and conditions: whether what a grantor
 * holds covers a grant they are about to make. The one implementation of the comparison; every
 * grant path reaches it through `requireHolds` (lib/services/write-transaction.ts).
 *
 * - Scope: global ⊃ organization ⊃ department, team ⊃ personal. Department and team are not
 *   comparable: a grantor holding one may grant it (or personal), never the other.
 * - Conditions: a grant may add conditions, never drop or loosen them. A held grant covers a new
 *   one when every condition it has is on the new grant too, key by key and deep-equal (so the
 *   new grant is at least as narrow); an unconditioned held grant covers any conditions. Anything
 *   subtler (say `$lte: 50` under `$lte: 100`) is refused: when in doubt, refuse.
 */
import { isSelfOrAncestor } from "./codes";
import type { TenantData } from "./compile";
import type { UserView } from "./rules";
import { overrideFor } from "./rules";
import type { Conditions, Scope } from "./types";

/** What a grant confers, as a grantor must hold it. */
export interface GrantBound {
  code: string;
  scope: Scope;
  conditions: Conditions | null;
}

/** Whether a grant held at `held` reaches everything a grant at `wanted` reaches. */
export function scopeCovers(held: Scope, wanted: Scope): boolean {
  if (held === wanted || held === "global") return true;
  if (held === "organization") return wanted !== "global";
  return wanted === "personal" && (held === "department" || held === "team");
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** Whether a grant held under `held` conditions is at least as wide as one under `wanted`. */
export function conditionsCover(held: Conditions | null, wanted: Conditions | null): boolean {
  if (held === null || Object.keys(held).length === 0) return true;
  if (wanted === null) return false;
  return Object.entries(held).every(([k, v]) => Object.hasOwn(wanted, k) && deepEqual(v, wanted[k]));
}

/**
 * Whether the user's roles hold `code` through a grant (on the code or an ancestor) that covers
 * `scope` and `conditions`, or their most specific override on it is an allow (unconditional,
 * tenant-wide). The caller has decided the code granted (dependencies, plan, deny overrides):
 * this only asks how widely.
 */
export function grantCovers(t: TenantData, view: UserView, bound: GrantBound): boolean {
  if (view.isSuperAdmin) return true;
  const o = overrideFor(view, bound.code);
  if (o !== null) return o.effect === "allow";
  if (t.grantsAllRoles.some((r) => (view.through[r] ?? -1) >= 0)) return true;
  const idx = t.codeIndex.get(bound.code);
  const prefixes = idx === undefined ? [] : (t.prefixes[idx] ?? []);
  for (const p of prefixes) {
    if (!isSelfOrAncestor(p, bound.code)) continue;
    for (const g of t.grantsByCode.get(p) ?? []) {
      if ((view.through[g.roleIdx] ?? -1) < 0 || g.unreadable) continue;
      if (scopeCovers(g.scope, bound.scope) && conditionsCover(g.conditions, bound.conditions)) return true;
    }
  }
  return false;
}
