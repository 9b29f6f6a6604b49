"use client";
import { Loader2, ShieldAlert, ShieldCheck } from "lucide-react";
import { Tooltip } from "@/components/ui/tooltip";
import { useAuditVerification } from "@/lib/query/audit";

/**
 * The hash chain's state, checked by the server on request: every entry carries the hash of the
 * one before, so an edited or deleted row breaks the chain from that point on.
 */
export function ChainStatus() {
  const q = useAuditVerification();
  const base = "inline-flex h-10 items-center gap-2 rounded-lg px-3 text-sm font-medium ring-1 ring-inset";
  if (q.isPending) {
    return (
      <span role="status" className={`${base} bg-slate-50 text-slate-600 ring-slate-200`}>
        <Loader2 className="size-4 animate-spin" aria-hidden />
        Verifying chain…
      </span>
    );
  }
  if (q.isError) {
    return (
      <span role="status" className={`${base} bg-slate-50 text-slate-600 ring-slate-200`}>
        Chain not verified
      </span>
    );
  }
  const v = q.data;
  if (v.ok) {
    return (
      <Tooltip content="Every entry’s hash matches its content and the entry before it: nothing was edited or removed.">
        <span
          role="status"
          tabIndex={0}
          className={`${base} bg-emerald-50 text-emerald-800 ring-emerald-200`}
          data-testid="chain-status"
        >
          <ShieldCheck className="size-4" aria-hidden />
          Chain intact · {v.checked.toLocaleString("en")} {v.checked === 1 ? "entry" : "entries"}
        </span>
      </Tooltip>
    );
  }
  return (
    <Tooltip
      content={`The entries before it (${v.checked}) verify; this one’s link or hash does not: it was altered, or one before it removed.`}
    >
      <span
        role="status"
        tabIndex={0}
        className={`${base} bg-red-50 text-red-800 ring-red-200`}
        data-testid="chain-status"
      >
        <ShieldAlert className="size-4" aria-hidden />
        Broken at entry #{v.first_broken_seq ?? "?"}
      </span>
    </Tooltip>
  );
}
