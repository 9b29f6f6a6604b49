"use client";

import * as RadixTooltip from "@radix-ui/react-tooltip";
import { Lock } from "lucide-react";
import { Children, cloneElement, isValidElement, type ReactElement } from "react";
import { cn } from "@/lib/utils";
import { usePermissions } from "./permission-provider";
import { type GateDecision, type GateRequirement, gateDecision, missingSentence } from "./permission-set";

export type { GateRequirement };
export { missingSentence };

export type PermissionGateProps = GateRequirement & {
  /** hide (default): render `fallback` instead; disable: render the child disabled, with a tooltip naming what is missing. */
  mode?: "hide" | "disable";
  fallback?: React.ReactNode;
  /** With mode="disable": a small lock on the control, so a newcomer sees at a glance that it is gated. */
  badge?: boolean;
  className?: string;
  children: React.ReactNode;
};

/** What the requirement lacks in the viewer's set, and the sentence that says so (naming only missing codes). */
export function useGate(req: GateRequirement): GateDecision {
  const p = usePermissions();
  return gateDecision(p, req, p.subject);
}

/**
 * Shows its child when the effective set satisfies `code`, `anyOf` or `allOf`. Otherwise hides it
 * (mode="hide", rendering `fallback`) or renders it disabled with a tooltip naming the missing
 * permission(s) (mode="disable") — a control the user should know about but may not use.
 * Only the UI: the server refuses the action anyway.
 */
export function PermissionGate(props: PermissionGateProps) {
  const { mode = "hide", fallback = null, badge = true, className, children } = props;
  const { allowed, missing, reason } = useGate(props);
  if (allowed) return <>{children}</>;
  if (mode === "hide") return <>{fallback}</>;
  return (
    <DisabledWithReason reason={reason} missing={missing} badge={badge} className={className}>
      {children}
    </DisabledWithReason>
  );
}

/**
 * A control rendered disabled, wrapped in a focusable span carrying the tooltip (a disabled button
 * gets no pointer or focus events of its own), with the missing codes in `data-missing`.
 */
export function DisabledWithReason({
  reason,
  missing = [],
  badge = true,
  inTablist = false,
  className,
  children,
}: {
  reason: string;
  missing?: readonly string[];
  badge?: boolean;
  /**
   * A tab in a tablist may only sit beside other tabs: the wrapper steps out of the tree (role
   * none) and the reason becomes the disabled tab's own description.
   */
  inTablist?: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  const only =
    Children.count(children) === 1 && isValidElement(children)
      ? (children as ReactElement<Record<string, unknown>>)
      : null;
  const disabled = only
    ? cloneElement(only, {
        disabled: true,
        "aria-disabled": true,
        tabIndex: -1,
        onClick: undefined,
        ...(inTablist ? { "aria-description": reason } : {}),
      })
    : children;
  return (
    // Not hoverable: the reason is read, not clicked, and the next control's reason opens at once.
    <RadixTooltip.Root delayDuration={150} disableHoverableContent>
      <RadixTooltip.Trigger asChild>
        <span
          {...(inTablist ? { role: "none" } : { role: "group", tabIndex: 0, "aria-label": reason })}
          data-gate="disabled"
          data-missing={missing.join(" ")}
          className={cn(
            "relative inline-flex rounded-lg outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40 [&>*]:pointer-events-none",
            className,
          )}
        >
          <span className="inline-flex opacity-60">{disabled}</span>
          {badge && (
            <span
              aria-hidden
              className="absolute -right-1.5 -top-1.5 grid size-4 place-items-center rounded-full bg-amber-100 text-amber-700 ring-2 ring-white"
            >
              <Lock className="size-2.5" strokeWidth={2.5} />
            </span>
          )}
        </span>
      </RadixTooltip.Trigger>
      <RadixTooltip.Portal>
        <RadixTooltip.Content
          side="top"
          sideOffset={6}
          className="z-50 max-w-xs rounded-md bg-slate-900 px-2.5 py-1.5 text-xs text-white shadow-lg"
        >
          {reason}
          <RadixTooltip.Arrow className="fill-slate-900" />
        </RadixTooltip.Content>
      </RadixTooltip.Portal>
    </RadixTooltip.Root>
  );
}

/**
 * An inline "why" for content that is not shown: names the missing permission. The code stays
 * whole (the line wraps before it, never inside it); where even that does not fit it is cut with
 * an ellipsis and the full code in its title.
 */
export function MissingPermission({ code, label, className }: { code: string; label?: string; className?: string }) {
  const { subject } = usePermissions();
  return (
    <span
      className={cn("inline-flex min-w-0 max-w-full items-baseline gap-1.5 text-xs text-slate-500", className)}
      data-missing={code}
    >
      <Lock className="size-3 shrink-0 translate-y-0.5 text-amber-600" aria-hidden />
      <span className="min-w-0">
        {label ?? (subject ? `${subject} lacks` : "Requires")}{" "}
        <code
          title={code}
          className="inline-block max-w-full truncate whitespace-nowrap rounded bg-slate-100 px-1 py-0.5 align-bottom font-mono text-[11px] leading-tight text-slate-700"
        >
          {code}
        </code>
      </span>
    </span>
  );
}
