"use client";
import * as D from "@radix-ui/react-dialog";
import { Check, Circle, Info, KeyRound, Minus, X } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { ErrorState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import type { ExplainStep, Via } from "@/lib/permissions/types";
import { problemDetail } from "@/lib/query/hooks";
import { useUserExplanation } from "@/lib/query/users";
import { cn } from "@/lib/utils";
import { decisionSentence, notReached, outcomeLabel, STEP_TITLES } from "./describe";
import { contextSentence, ExplainContextForm } from "./explain-context";
import { PermissionCombobox } from "./permission-combobox";

const icons = { granted: Check, denied: X, skip: Minus, info: Info } as const;
const iconTone = {
  granted: "bg-emerald-100 text-emerald-700 ring-emerald-200",
  denied: "bg-red-100 text-red-700 ring-red-200",
  skip: "bg-slate-100 text-slate-500 ring-slate-200",
  info: "bg-brand-50 text-brand-700 ring-brand-100",
} as const;

/**
 * "Why?" for one user × permission: the decision in one sentence, then every step of
 * GET /users/{id}/permissions/{code}/explain in evaluation order, the deciding one marked.
 */
export function ExplainSheet({
  userId,
  userName,
  code,
  name,
  onClose,
  onPick,
}: {
  userId: string;
  userName: string;
  /** The permission explained; "" opens the panel on the search alone. */
  code: string | null;
  name?: string;
  onClose: () => void;
  /** Another permission chosen in the panel's search. */
  onPick: (p: { code: string; name: string }) => void;
}) {
  return (
    <D.Root open={code !== null} onOpenChange={(o) => !o && onClose()}>
      <D.Portal>
        <D.Overlay className="fixed inset-0 z-50 bg-slate-900/30" />
        <D.Content className="fixed inset-y-0 right-0 z-50 flex w-full max-w-xl flex-col bg-white shadow-2xl ring-1 ring-slate-200 focus:outline-none">
          <div className="border-b border-slate-100 px-6 pb-3 pt-5 pr-14">
            <PermissionCombobox userId={userId} onPick={onPick} autoFocus={code === ""} />
          </div>
          {code ? (
            <ExplainBody key={code} userId={userId} userName={userName} code={code} name={name} />
          ) : (
            <div className="px-6 py-5">
              <D.Title className="text-lg font-semibold text-slate-900">Why can {userName} do it, or not?</D.Title>
              <D.Description className="mt-1 text-sm text-slate-600">
                Search for a permission by its name above: the panel shows the decision for {userName} and every step
                that led to it.
              </D.Description>
              <D.Close
                className="absolute right-4 top-4 rounded-md p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-600"
                aria-label="Close explanation"
              >
                <X className="size-5" aria-hidden />
              </D.Close>
            </div>
          )}
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}

function ExplainBody({
  userId,
  userName,
  code,
  name,
}: {
  userId: string;
  userName: string;
  code: string;
  name?: string;
}) {
  const [context, setContext] = useState<Record<string, unknown> | undefined>(undefined);
  const q = useUserExplanation(userId, code, context);
  const e = q.data;
  const deciding = e ? decidingStep(e.steps) : -1;
  return (
    <>
      <div className="flex items-start justify-between gap-4 border-b border-slate-100 px-6 py-5">
        <div className="min-w-0">
          <p className="flex items-center gap-1.5 text-xs font-medium uppercase tracking-wide text-slate-500">
            <KeyRound className="size-3.5" aria-hidden />
            Why this decision
          </p>
          <D.Title className="mt-1 text-lg font-semibold text-slate-900">{name ?? code}</D.Title>
          <D.Description className="mt-0.5 text-sm text-slate-500">
            <code className="font-mono text-slate-700">{code}</code> for {userName}
          </D.Description>
        </div>
        <D.Close
          className="rounded-md p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-600"
          aria-label="Close explanation"
        >
          <X className="size-5" aria-hidden />
        </D.Close>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-6 py-5" data-testid="explain-panel">
        <details className="mb-4" open={context !== undefined}>
          <summary className="cursor-pointer text-sm font-medium text-brand-700">
            {context ? `For ${contextSentence(context, userName)}` : "Decide for a specific resource…"}
          </summary>
          <div className="mt-2">
            <ExplainContextForm
              userId={userId}
              userName={userName}
              applied={context !== undefined}
              onApply={setContext}
            />
          </div>
        </details>
        {q.isError ? (
          <ErrorState
            title="Could not explain this decision"
            detail={problemDetail(q.error)}
            onRetry={() => q.refetch()}
          />
        ) : !e ? (
          <div role="status" aria-label="Loading explanation" className="space-y-3">
            <Skeleton className="h-16 w-full" />
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} className="h-12 w-full" />
            ))}
          </div>
        ) : (
          <>
            <div
              role="status"
              className={cn(
                "flex items-start gap-3 rounded-xl px-4 py-3 ring-1 ring-inset",
                e.granted ? "bg-emerald-50 ring-emerald-200" : "bg-red-50 ring-red-200",
              )}
            >
              <span
                className={cn(
                  "mt-0.5 grid size-7 shrink-0 place-items-center rounded-full",
                  e.granted ? "bg-emerald-600 text-white" : "bg-red-600 text-white",
                )}
              >
                {e.granted ? <Check className="size-4" aria-hidden /> : <X className="size-4" aria-hidden />}
              </span>
              <div>
                <p className={cn("font-semibold", e.granted ? "text-emerald-900" : "text-red-900")}>
                  {e.granted ? "Granted" : "Denied"}
                </p>
                <p
                  className={cn("text-sm", e.granted ? "text-emerald-800" : "text-red-800")}
                  data-testid="explain-summary"
                >
                  {decisionSentence({ granted: e.granted, reason: e.reason, via: e.via as Via | null }, code)}
                </p>
              </div>
            </div>
            <div className="mt-3 flex flex-wrap gap-1.5">
              <Badge>Decided by rule: {e.reason}</Badge>
              {e.requires_mfa && <Badge tone="amber">Requires MFA</Badge>}
              {e.deprecated && <Badge tone="amber">Deprecated{e.replacement ? ` → ${e.replacement}` : ""}</Badge>}
              <Badge tone="slate">perm_version {e.perm_version}</Badge>
            </div>
            <h3 className="mt-6 text-sm font-semibold text-slate-900">
              Every step, in the order the rules are checked
            </h3>
            <ol aria-label="Explanation steps" className="mt-3">
              {e.steps.map((s, i) => {
                const Icon = icons[s.outcome] ?? Circle;
                const dim = notReached(s);
                return (
                  <li
                    key={`${s.rule}-${i}`}
                    className={cn("relative flex gap-3 pb-4 last:pb-0", dim && "opacity-55")}
                    aria-current={i === deciding ? "step" : undefined}
                  >
                    {i < e.steps.length - 1 && (
                      <span aria-hidden className="absolute left-3 top-7 h-[calc(100%-1.25rem)] w-px bg-slate-200" />
                    )}
                    <span
                      className={cn(
                        "relative grid size-6 shrink-0 place-items-center rounded-full ring-1",
                        iconTone[s.outcome],
                      )}
                    >
                      <Icon className="size-3.5" aria-hidden />
                    </span>
                    <div
                      className={cn(
                        "min-w-0 flex-1 rounded-lg px-3 py-2",
                        i === deciding ? "bg-slate-50 ring-1 ring-slate-200" : "",
                      )}
                    >
                      <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
                        {STEP_TITLES[s.rule] ?? s.rule}
                        <Badge tone={outcomeLabel(s).tone}>{outcomeLabel(s).label}</Badge>
                        {i === deciding && <Badge tone="brand">Decides</Badge>}
                      </p>
                      <p className="mt-0.5 text-sm text-slate-600">{s.detail}</p>
                    </div>
                  </li>
                );
              })}
            </ol>
          </>
        )}
      </div>
    </>
  );
}

/** The step that decided: the dependency step when it denied, else the first granted/denied rule. */
function decidingStep(steps: ExplainStep[]): number {
  const dep = steps.findIndex((s) => s.rule === "dependency" && s.outcome === "denied");
  if (dep >= 0) return dep;
  return steps.findIndex((s) => s.rule !== "dependency" && (s.outcome === "granted" || s.outcome === "denied"));
}
