/**
 * "Reload and re-apply" after a refused save (409): the admin's pending edits of one role — ticks,
 * unticks, scope and conditions — replayed on the role as it is now. An edit the other admin already
 * made is satisfied and dropped; an edit that no longer fits (the grant it refines was removed, the
 * permission left the catalog or the plan, both admins changed the same grant's terms) is listed
 * as a conflict in plain words. Also says what changed underneath. Pure.
 */
import { DEFAULT_TERMS, type SavedGrant, type Terms } from "./save-body";

const sameTerms = (a: Terms, b: Terms) =>
  a.scope === b.scope && JSON.stringify(a.conditions ?? null) === JSON.stringify(b.conditions ?? null);

export interface Underneath {
  added: SavedGrant[];
  removed: SavedGrant[];
  /** Grants both versions have whose scope or conditions the other admin changed. */
  retermed: { code: string; before: Terms; after: Terms }[];
}
export type ConflictKind =
  /** You changed the terms of a grant the other admin removed: not applied (it can be granted again). */
  | "terms-of-removed"
  /** You both changed a grant's scope or conditions: yours are kept. */
  | "terms-both"
  /** You revoke a grant whose scope or conditions the other admin just changed: still revoked. */
  | "revoke-retermed"
  /** The permission is gone from the catalog, or outside the plan now: not applied. */
  | "unavailable";
export interface RebaseConflict {
  kind: ConflictKind;
  code: string;
  mine?: Terms;
  theirs?: Terms;
}
export interface Rebased {
  changes: Map<string, boolean>;
  terms: Map<string, Terms>;
  /** Edits re-applied as they were: code → grant (true), revoke (false); terms edits separately. */
  reapplied: { code: string; grant: boolean }[];
  reappliedTerms: string[];
  /** Edits the other admin's save already made. */
  satisfied: { code: string; grant: boolean | null }[];
  conflicts: RebaseConflict[];
  underneath: Underneath;
}

/** What the other admin's save changed: the grants of `fresh` against those the edits were made on. */
export function underneath(base: readonly SavedGrant[], fresh: readonly SavedGrant[]): Underneath {
  const before = new Map(base.map((g) => [g.code, g]));
  const now = new Map(fresh.map((g) => [g.code, g]));
  const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : 1);
  return {
    added: fresh.filter((g) => !before.has(g.code)).sort(byCode),
    removed: base.filter((g) => !now.has(g.code)).sort(byCode),
    retermed: fresh
      .flatMap((g) => {
        const b = before.get(g.code);
        return b && !sameTerms(b, g) ? [{ code: g.code, before: b, after: g as Terms }] : [];
      })
      .sort(byCode),
  };
}

/**
 * `base`: the grants the edits were made on; `fresh`: the role's grants now; `grantable`: whether a
 * code may still be granted (in the catalog and the plan).
 */
export function rebaseRoleEdits(
  base: readonly SavedGrant[],
  changes: ReadonlyMap<string, boolean>,
  terms: ReadonlyMap<string, Terms>,
  fresh: readonly SavedGrant[],
  grantable: (code: string) => boolean,
): Rebased {
  const before = new Map(base.map((g) => [g.code, g as Terms]));
  const now = new Map(fresh.map((g) => [g.code, g as Terms]));
  const out: Rebased = {
    changes: new Map(),
    terms: new Map(),
    reapplied: [],
    reappliedTerms: [],
    satisfied: [],
    conflicts: [],
    underneath: underneath(base, fresh),
  };
  for (const [code, grant] of changes) {
    if (now.has(code) === grant) out.satisfied.push({ code, grant });
    else if (grant && !grantable(code)) out.conflicts.push({ kind: "unavailable", code });
    else {
      out.changes.set(code, grant);
      out.reapplied.push({ code, grant });
      const b = before.get(code);
      const n = now.get(code);
      if (!grant && b && n && !sameTerms(b, n)) out.conflicts.push({ kind: "revoke-retermed", code, theirs: n });
    }
  }
  for (const [code, mine] of terms) {
    const pending = changes.get(code);
    if (pending === false) continue; // revoked anyway: its terms do not matter
    const b = before.get(code);
    const n = now.get(code);
    // Terms edited on a grant the admin did not add: the other admin removed that grant meanwhile.
    if (pending === undefined && b && !n) {
      out.conflicts.push({ kind: "terms-of-removed", code, mine });
      continue;
    }
    if (!out.changes.get(code) && !n) continue; // a new grant that was dropped (listed above)
    const theirs = n ?? DEFAULT_TERMS;
    if (sameTerms(mine, theirs)) {
      out.satisfied.push({ code, grant: null });
      continue;
    }
    out.terms.set(code, mine);
    out.reappliedTerms.push(code);
    // Both changed the terms of one grant (or both granted it, with different terms): yours are kept.
    const theirsMoved = n && (b ? !sameTerms(b, n) : pending === true);
    if (theirsMoved) out.conflicts.push({ kind: "terms-both", code, mine, theirs: n });
  }
  return out;
}
