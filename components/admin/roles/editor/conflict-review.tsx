"use client";
import { RefreshCw, TriangleAlert, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { RebaseConflict, Rebased } from "./rebase";
import type { Terms } from "./save-body";

export type RoleConflict =
  | { phase: "stale"; pending: number; reloading: boolean }
  /** `by`: who saved the role meanwhile, from its audit log (empty when the viewer may not read it). */
  | { phase: "rebased"; report: Rebased; version: number; by: string[] };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function List({ title, items, testId }: { title: string; items: string[]; testId: string }) {
  if (!items.length) return null;
  return (
    <section aria-label={title} data-testid={testId} className="min-w-0">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-amber-900/80">{title}</h4>
      <ul className="mt-1 space-y-0.5">
        {items.map((t) => (
          <li key={t} className="before:mr-1.5 before:content-['•']">
            {t}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * A refused save (409) on the role page: first the offer to reload and re-apply (or discard); then
 * what the other admin changed underneath, what of yours was re-applied or was already done, and
 * each conflict in plain words, with the way out where there is one. Names, never codes.
 */
export function ConflictReview({
  conflict,
  pending,
  roleName,
  labelOf,
  termsText,
  onReload,
  onDiscard,
  onReview,
  onDismiss,
  onRegrant,
}: {
  conflict: RoleConflict;
  /** The changes pending now (the re-applied ones, and any made since). */
  pending: number;
  roleName: string;
  labelOf: (code: string) => string;
  termsText: (t: Terms) => string;
  onReload: () => void;
  onDiscard: () => void;
  onReview: () => void;
  onDismiss: () => void;
  onRegrant: (c: RebaseConflict) => void;
}) {
  if (conflict.phase === "stale")
    return (
      <div role="alert" className="border-b border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <p className="flex min-w-0 flex-1 items-start gap-2">
            <TriangleAlert className="mt-0.5 size-4 shrink-0 text-amber-600" aria-hidden />
            <span>
              <strong className="font-semibold">
                Not saved: someone else saved {roleName} while you were editing.
              </strong>{" "}
              Nothing was written. Your {plural(conflict.pending, "change")} are still here: reload the role and they
              are re-applied on top of it for you to review.
            </span>
          </p>
          <div className="flex flex-wrap gap-2 sm:shrink-0">
            <Button size="sm" variant="secondary" onClick={onDiscard} disabled={conflict.reloading}>
              Discard my changes
            </Button>
            <Button size="sm" onClick={onReload} disabled={conflict.reloading}>
              <RefreshCw className="size-3.5" aria-hidden />
              {conflict.reloading ? "Reloading…" : "Reload and re-apply"}
            </Button>
          </div>
        </div>
      </div>
    );
  const r = conflict.report;
  const u = r.underneath;
  const changedUnder = [
    ...u.added.map((g) => `Granted ${labelOf(g.code)}${termsSuffix(termsText(g))}`),
    ...u.removed.map((g) => `Revoked ${labelOf(g.code)}`),
    ...u.retermed.map((t) => `Set ${labelOf(t.code)} to “${termsText(t.after)}”`),
  ];
  const reapplied = [
    ...r.reapplied.map((c) => `${c.grant ? "Grant" : "Revoke"} ${labelOf(c.code)}`),
    ...r.reappliedTerms.map((code) => `Set ${labelOf(code)} to “${termsText(r.terms.get(code)!)}”`),
  ];
  const satisfied = r.satisfied.map((s) =>
    s.grant === null
      ? `${labelOf(s.code)} already has the scope and conditions you chose`
      : `${labelOf(s.code)} is already ${s.grant ? "granted" : "revoked"}`,
  );
  return (
    <section
      aria-label="Your changes re-applied"
      data-testid="conflict-review"
      className="border-b border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
    >
      <div className="flex items-start gap-2">
        <TriangleAlert className="mt-0.5 size-4 shrink-0 text-amber-600" aria-hidden />
        <p className="min-w-0 flex-1" role="status">
          <strong className="font-semibold">
            Reloaded {roleName} (version {conflict.version}) and re-applied your changes.
          </strong>{" "}
          {pending
            ? `Review ${pending === 1 ? "the change" : `the ${pending} changes`}, then save again.`
            : "Nothing of yours is left to save: the other change already does it."}
        </p>
        <Button size="sm" variant="ghost" className="-my-1 h-7 px-1.5" aria-label="Close" onClick={onDismiss}>
          <X className="size-4" aria-hidden />
        </Button>
      </div>
      {r.conflicts.length > 0 && (
        <section aria-label="Conflicts" data-testid="conflicts" className="mt-3 rounded-lg bg-white/70 px-3 py-2">
          <h4 className="text-xs font-semibold uppercase tracking-wide text-red-800">
            {plural(r.conflicts.length, "conflict")}
          </h4>
          <ul className="mt-1 space-y-1.5">
            {r.conflicts.map((c) => (
              <li key={`${c.kind}|${c.code}`} className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <span className="min-w-[16rem] flex-1">{conflictText(c, labelOf, termsText)}</span>
                {c.kind === "terms-of-removed" && (
                  <Button size="sm" variant="secondary" className="h-7 px-2 text-xs" onClick={() => onRegrant(c)}>
                    Grant it again with my terms
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="mt-3 grid gap-3 pl-6 sm:grid-cols-3">
        <List
          title={
            conflict.by.length ? `Changed meanwhile by ${conflict.by.join(", ")}` : "Changed meanwhile by someone else"
          }
          testId="changed-underneath"
          items={changedUnder.length ? changedUnder : ["Only the role's settings (no grant changed)"]}
        />
        <List title={`Yours, re-applied (${reapplied.length})`} testId="reapplied" items={reapplied} />
        <List title="Already done by the other change" testId="satisfied" items={satisfied} />
      </div>
      {pending > 0 && (
        <p className="mt-3 pl-6">
          <Button size="sm" onClick={onReview}>
            Review and save…
          </Button>
        </p>
      )}
    </section>
  );
}

const termsSuffix = (words: string) => (words && words !== "in this organization" ? `, ${words}` : "");

function conflictText(c: RebaseConflict, labelOf: (code: string) => string, termsText: (t: Terms) => string) {
  const name = labelOf(c.code);
  switch (c.kind) {
    case "terms-of-removed":
      return `You set ${name} to “${termsText(c.mine!)}”, but the other change revoked ${name}. Your scope and conditions were not applied.`;
    case "terms-both":
      return `Both of you changed ${name}: they set “${termsText(c.theirs!)}”, you set “${termsText(c.mine!)}”. Yours are kept: save to confirm them, or discard to keep theirs.`;
    case "revoke-retermed":
      return `You revoke ${name}, which the other change just set to “${termsText(c.theirs!)}”. It is still revoked when you save.`;
    case "unavailable":
      return `${name} can no longer be granted (no longer in the catalog or your plan): not re-applied.`;
  }
}
