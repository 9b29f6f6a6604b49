"use client";
import { Loader2, ShieldAlert, ShieldCheck } from "lucide-react";
import { Tooltip } from "@/components/ui/tooltip";
import { useAuditVerification } from "@/lib/query/audit";

/**
 * The hash chain's state, checked by the server on request: every entry carries the hash of the
 * one before, so an edited or deleted row breaks the chain from that point on, and the chain's
 * anchored head shows when its newest entries were removed.
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
  // Why it is broken: the newest entries removed, the head gone, or an entry that does not verify.
  const tail = v.missing_tail;
  const [label, why] = tail
    ? [
        `Entries #${tail.from_seq}–#${tail.to_seq} missing`,
        `The ${v.checked} entries present verify, but the chain’s anchored head is entry #${tail.to_seq}: the newest entries were removed.`,
      ]
    : v.head_seq === null && v.first_broken_id === null
      ? [
          "Chain head missing",
          "The entries verify, but the chain’s anchored head was removed: its end cannot be vouched for.",
        ]
      : [
          `Broken at entry #${v.first_broken_seq ?? "?"}`,
          `The entries before it (${v.checked}) verify; this one’s link or hash does not: it was altered, or one before it removed.`,
        ];
  return (
    <Tooltip content={why}>
      <span
        role="status"
        tabIndex={0}
        className={`${base} bg-red-50 text-red-800 ring-red-200`}
        data-testid="chain-status"
      >
        <ShieldAlert className="size-4" aria-hidden />
        {label}
      </span>
    </Tooltip>
  );
}
