"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef } from "react";
import { usePermStream } from "@/lib/live/use-perm-stream";
import { PENDING_PARAMS, useApprovals } from "@/lib/query/approvals";
import { queryKeys } from "@/lib/query/keys";

/**
 * Keeps the console's approval lists live: every request opened or approved moves the tenant's
 * perm_version, which the permission stream announces; each announcement after the first (the
 * current version, sent on connect) drops the cached lists, so the sidebar's count and any open
 * list refetch. Mounted once per console page, only for viewers who may see approvals.
 */
export function useLiveApprovals(enabled: boolean) {
  const qc = useQueryClient();
  const first = useRef(true);
  const onVersion = useCallback(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void qc.invalidateQueries({ queryKey: queryKeys.approvals.all });
  }, [qc]);
  usePermStream(onVersion, enabled);
}

/** The sidebar's pending count beside "Approvals": nothing while none waits. */
export function PendingApprovalsCount() {
  const query = useApprovals(PENDING_PARAMS);
  const n = query.data?.data.length ?? 0;
  if (!n) return null;
  const more = query.data?.next_cursor ? "+" : "";
  return (
    <span
      className="pointer-events-none absolute right-2 top-1/2 -translate-y-1/2 rounded-full bg-amber-100 px-1.5 py-px text-[11px] font-semibold tabular-nums text-amber-800"
      data-testid="pending-approvals-count"
    >
      {n}
      {more}
      <span className="sr-only"> pending</span>
    </span>
  );
}
