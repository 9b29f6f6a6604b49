/**
 * What Save sends: the role's whole set of grants for PUT /roles/{id}/permissions — its saved
 * grants (every one, with its scope and conditions, even those the editor does not list), less the
 * pending revokes, plus the pending grants, with the terms edited in the builder. Pure.
 */
import type { Scope } from "@/lib/permissions/types";
import type { Conditions } from "./conditions";

export interface Terms {
  scope: Scope;
  conditions: Conditions | null;
}
export interface SavedGrant extends Terms {
  code: string;
}
export const DEFAULT_TERMS: Terms = { scope: "organization", conditions: null };

const same = (a: Terms, b: Terms) =>
  a.scope === b.scope && JSON.stringify(a.conditions ?? null) === JSON.stringify(b.conditions ?? null);

export function grantSet(
  saved: readonly SavedGrant[],
  changes: ReadonlyMap<string, boolean>,
  terms: ReadonlyMap<string, Terms>,
): SavedGrant[] {
  const out = new Map(saved.map((g) => [g.code, { ...g }]));
  for (const [code, want] of changes) {
    if (!want) out.delete(code);
    else if (!out.has(code)) out.set(code, { code, ...DEFAULT_TERMS });
  }
  for (const [code, t] of terms) {
    const g = out.get(code);
    if (g) out.set(code, { code, ...t });
  }
  return [...out.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
}

/** Grants kept whose scope or conditions change (new grants are listed as additions instead). */
export function termChanges(
  saved: readonly SavedGrant[],
  changes: ReadonlyMap<string, boolean>,
  terms: ReadonlyMap<string, Terms>,
): { code: string; before: Terms; after: Terms }[] {
  const before = new Map(saved.map((g) => [g.code, g]));
  const out: { code: string; before: Terms; after: Terms }[] = [];
  for (const [code, after] of terms) {
    const b = before.get(code);
    if (b && changes.get(code) !== false && !same(b, after)) out.push({ code, before: b, after });
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : 1));
}

/** The terms a code has now: edited, else saved, else the default of a new grant. */
export function termsOf(code: string, saved: ReadonlyMap<string, Terms>, terms: ReadonlyMap<string, Terms>): Terms {
  return terms.get(code) ?? saved.get(code) ?? DEFAULT_TERMS;
}

export const isDefaultTerms = (t: Terms) => same(t, DEFAULT_TERMS);
