"use client";
import * as TG from "@radix-ui/react-toggle-group";
import { Check, CircleHelp, Trash2, X } from "lucide-react";
import { memo } from "react";
import { Badge } from "@/components/ui/badge";
import { Input } from "@/components/ui/input";
import { RiskBadge } from "@/components/ui/risk-badge";
import { Tooltip } from "@/components/ui/tooltip";
import type { UserOverride, UserPermission } from "@/lib/query/users";
import { cn } from "@/lib/utils";
import { formatDateTime, isoToLocal, sourceLabel, type Tone } from "./describe";
import { type OverrideEffect, savedEffect } from "./types";

export interface PendingOverride {
  effect: OverrideEffect;
  notes: string;
  expires: string;
}

const toneText: Record<Tone, string> = {
  green: "text-emerald-700 bg-emerald-50 ring-emerald-200",
  red: "text-red-700 bg-red-50 ring-red-200",
  amber: "text-amber-800 bg-amber-50 ring-amber-200",
  slate: "text-slate-600 bg-slate-50 ring-slate-200",
  brand: "text-brand-700 bg-brand-50 ring-brand-100",
};
const effectOn: Record<OverrideEffect, string> = {
  inherit: "data-[state=on]:text-slate-900",
  allow: "data-[state=on]:text-emerald-700",
  deny: "data-[state=on]:text-red-700",
};
const EFFECT_LABEL: Record<OverrideEffect, string> = { inherit: "Inherit", allow: "Allow", deny: "Deny" };

/** The grid of the editor: permission · source · effective · override control. */
export const ROW_GRID =
  "grid grid-cols-[minmax(0,1.5fr)_minmax(0,1.3fr)_6.5rem_minmax(17rem,auto)] items-center gap-x-4";

/**
 * One permission of the override editor: what it is, where the user's decision comes from, the
 * effective state, and the tri-state override (inherit / allow / deny) with expiry and notes.
 */
export const OverrideRow = memo(function OverrideRow({
  p,
  override,
  pending,
  awaitingApproval,
  canManage,
  selected,
  error,
  onEffect,
  onDetails,
  onExplain,
  onRemove,
}: {
  p: UserPermission;
  override?: UserOverride;
  pending?: PendingOverride;
  awaitingApproval?: boolean;
  canManage: boolean;
  selected: boolean;
  error?: string;
  onEffect: (p: UserPermission, effect: OverrideEffect) => void;
  onDetails: (p: UserPermission, patch: Partial<PendingOverride>) => void;
  onExplain: (p: UserPermission) => void;
  onRemove: (p: UserPermission, o: UserOverride) => void;
}) {
  const source = sourceLabel(p);
  const effect: OverrideEffect = pending?.effect ?? savedEffect(override);
  const changed = pending !== undefined;
  const detailsOpen = effect !== "inherit";
  const notes = pending?.notes ?? override?.notes ?? "";
  const expires = pending?.expires ?? isoToLocal(override?.expires_at);
  const idBase = `ov-${p.permission_id}`;

  return (
    // A click anywhere on the row but on a control is a pointer shortcut for its "Why?" button,
    // which is the keyboard's way to the same explanation.
    <div
      data-testid={`perm-row-${p.code}`}
      onClick={(e) => {
        if (!(e.target as HTMLElement).closest("button, input, a, label, [role=radio]")) onExplain(p);
      }}
      className={cn(
        "cursor-pointer border-b border-slate-100 px-4 py-2.5 hover:bg-slate-50/80",
        selected && "bg-brand-50/50 hover:bg-brand-50/70",
        changed && "bg-amber-50/60 hover:bg-amber-50",
      )}
    >
      <div className={ROW_GRID}>
        <div role="cell" className="min-w-0">
          <p className="flex flex-wrap items-center gap-1.5 text-sm font-medium text-slate-900">
            <span className="truncate">{p.name}</span>
            {(p.risk_level === "high" || p.risk_level === "critical") && <RiskBadge risk={p.risk_level} />}
            {p.requires_mfa && <Badge tone="brand">MFA</Badge>}
          </p>
          <p className="truncate text-xs text-slate-500">
            <code className="font-mono text-slate-600">{p.code}</code>
          </p>
        </div>
        <div role="cell" className="min-w-0">
          <Tooltip content={source.detail}>
            <span
              tabIndex={-1}
              className={cn(
                "inline-flex max-w-full items-center truncate rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
                toneText[source.tone],
              )}
              data-testid="perm-source"
            >
              <span className="truncate">{source.label}</span>
            </span>
          </Tooltip>
          {p.reason === "override" && p.expires_at && (
            <p className="mt-0.5 text-xs text-slate-500">until {formatDateTime(p.expires_at)}</p>
          )}
        </div>
        <div role="cell" className="text-sm" data-testid="perm-effective">
          {p.granted ? (
            <span className="inline-flex items-center gap-1 font-medium text-emerald-700">
              <Check className="size-4" aria-hidden />
              Granted
            </span>
          ) : (
            <span className="inline-flex items-center gap-1 font-medium text-slate-500">
              <X className="size-4" aria-hidden />
              Denied
            </span>
          )}
          {changed && (
            <p className="text-xs font-medium text-amber-700">Unsaved: {EFFECT_LABEL[effect].toLowerCase()}</p>
          )}
          {!changed && awaitingApproval && <p className="text-xs font-medium text-amber-700">Awaits approval</p>}
        </div>
        <div role="cell" className="flex items-center justify-end gap-1.5">
          {canManage ? (
            <TG.Root
              type="single"
              value={effect}
              aria-label={`Override for ${p.code}`}
              onValueChange={(v) => v && onEffect(p, v as OverrideEffect)}
              className="inline-flex rounded-lg bg-slate-100 p-0.5 ring-1 ring-inset ring-slate-200"
            >
              {(["inherit", "allow", "deny"] as const).map((v) => (
                <TG.Item
                  key={v}
                  value={v}
                  aria-label={`${EFFECT_LABEL[v]} ${p.code}`}
                  className={cn(
                    "h-7 rounded-md px-2.5 text-xs font-medium text-slate-500 hover:text-slate-800 data-[state=on]:bg-white data-[state=on]:shadow-sm",
                    effectOn[v],
                  )}
                >
                  {EFFECT_LABEL[v]}
                </TG.Item>
              ))}
            </TG.Root>
          ) : effect === "inherit" ? (
            <span className="px-2 text-xs text-slate-400">
              <span aria-hidden>—</span>
              <span className="sr-only">No override</span>
            </span>
          ) : (
            <Badge tone={effect === "allow" ? "green" : "red"}>Override: {effect}</Badge>
          )}
          <button
            type="button"
            onClick={() => onExplain(p)}
            className="inline-flex h-7 items-center gap-1 rounded-md px-2 text-xs font-medium text-brand-700 hover:bg-brand-50"
            aria-label={`Why is ${p.code} ${p.granted ? "granted" : "denied"}?`}
          >
            <CircleHelp className="size-3.5" aria-hidden />
            Why?
          </button>
          {canManage && (
            <span className="inline-flex w-7 justify-center">
              {override && (
                <button
                  type="button"
                  onClick={() => onRemove(p, override)}
                  className="rounded-md p-1.5 text-slate-400 hover:bg-red-50 hover:text-red-600"
                  aria-label={`Remove the ${override.effect} override on ${p.code}`}
                >
                  <Trash2 className="size-3.5" aria-hidden />
                </button>
              )}
            </span>
          )}
        </div>
      </div>
      {detailsOpen && (
        <div role="cell" className="mt-2 flex flex-wrap items-start gap-3 pl-0 text-xs sm:pl-4">
          {canManage ? (
            <>
              <label htmlFor={`${idBase}-expires`} className="flex items-center gap-2 text-slate-600">
                Expires
                <Input
                  id={`${idBase}-expires`}
                  type="datetime-local"
                  value={expires}
                  className="h-8 w-52 text-xs"
                  aria-invalid={!!error}
                  aria-label={`Expiry of the override on ${p.code}`}
                  aria-describedby={error ? `${idBase}-error` : undefined}
                  onChange={(e) => onDetails(p, { expires: e.target.value })}
                />
              </label>
              <label htmlFor={`${idBase}-notes`} className="flex min-w-64 flex-1 items-center gap-2 text-slate-600">
                Notes
                <Input
                  id={`${idBase}-notes`}
                  value={notes}
                  maxLength={500}
                  placeholder="Why this exception? (shown in the history)"
                  className="h-8 text-xs"
                  aria-label={`Notes on the override on ${p.code}`}
                  onChange={(e) => onDetails(p, { notes: e.target.value })}
                />
              </label>
            </>
          ) : (
            <span className="text-slate-600">
              {override?.notes ? `“${override.notes}”` : "No notes"}
              {override?.expires_at ? ` · until ${formatDateTime(override.expires_at)}` : " · no expiry"}
            </span>
          )}
          {error && (
            <p id={`${idBase}-error`} role="alert" className="basis-full text-sm text-red-600">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
});
