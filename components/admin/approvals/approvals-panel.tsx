"use client";
import { BadgeCheck } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { TimeAgo } from "@/components/ui/time-ago";
import { Tooltip } from "@/components/ui/tooltip";
import type { GatehouseCode } from "@/lib/permissions/gatehouse-codes";
import { type Approval, useApprovals } from "@/lib/query/approvals";
import { problemDetail } from "@/lib/query/hooks";
import { cn } from "@/lib/utils";
import { GrantTarget, WouldGrant } from "./approval-grant";
import { DecideDialog, type Decision } from "./decide-dialog";
import { approvalParams, STATUS_FILTERS, type StatusFilter } from "./types";

const LABELS: Record<StatusFilter, string> = {
  pending: "Pending",
  approved: "Approved",
  rejected: "Rejected",
  all: "All",
};
const EMPTY: Record<StatusFilter, { title: string; description: string }> = {
  pending: {
    title: "Nothing waiting for a decision",
    description:
      "Granting a permission marked “requires approval” creates a request here; a second admin approves or rejects it.",
  },
  approved: {
    title: "No approved requests yet",
    description: "Requests a second admin approved are listed here with their reason.",
  },
  rejected: {
    title: "No rejected requests",
    description: "Requests a second admin turned down are listed here with their reason.",
  },
  all: {
    title: "No requests yet",
    description: "Granting a permission marked “requires approval” creates a request here.",
  },
};

/** A cell of a stacked card (below 768 px): no rule between the parts, no fixed width. */
const STACKED = "max-md:w-auto max-md:max-w-none max-md:border-0 max-md:py-1";

interface Props {
  initialStatus: StatusFilter;
  viewerId: string;
  canManage: boolean;
}

/** The approval queue: a status filter, the requests with what they would grant, and the four-eyes decision. */
export function ApprovalsPanel({ initialStatus, viewerId, canManage }: Props) {
  const [status, setStatus] = useState(initialStatus);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [deciding, setDeciding] = useState<{ approval: Approval; decision: Decision } | null>(null);

  const choose = (next: string) => {
    const value = next as StatusFilter;
    setStatus(value);
    setCursors([undefined]);
    // Kept in the URL so a reload or a shared link opens the same view (the page seeds it).
    const url = new URL(window.location.href);
    if (value === "pending") url.searchParams.delete("status");
    else url.searchParams.set("status", value);
    window.history.replaceState(null, "", url);
  };

  return (
    <>
      <Tabs value={status} onValueChange={choose}>
        <TabsList aria-label="Filter requests by status">
          {STATUS_FILTERS.map((s) => (
            <TabsTrigger key={s} value={s}>
              {LABELS[s]}
            </TabsTrigger>
          ))}
        </TabsList>
        {/* The list is the selected tab's panel (its aria-controls names it). */}
        <TabsContent value={status}>
          {/* Clipped to its rounded corners: the header row's background must not poke past them. */}
          <Card className="overflow-hidden">
            {/* Below 768 px each request is a stacked card: what, to whom, who asked, the decision. */}
            <Table className="max-md:block">
              <thead className="max-md:hidden">
                <tr>
                  <Th>Would grant</Th>
                  <Th>To</Th>
                  <Th>Requested</Th>
                  <Th>{status === "pending" ? <span className="sr-only">Decision</span> : "Decision"}</Th>
                </tr>
              </thead>
              {cursors.map((cursor, i) => (
                <ApprovalPage
                  key={cursor ?? "first"}
                  status={status}
                  cursor={cursor}
                  isLast={i === cursors.length - 1}
                  isFirst={i === 0}
                  viewerId={viewerId}
                  canManage={canManage}
                  onMore={(next) => setCursors((c) => [...c, next])}
                  onDecide={(approval, decision) => setDeciding({ approval, decision })}
                />
              ))}
            </Table>
          </Card>
        </TabsContent>
      </Tabs>
      <DecideDialog
        approval={deciding?.approval ?? null}
        decision={deciding?.decision ?? "approve"}
        onClose={() => setDeciding(null)}
      />
    </>
  );
}

function ApprovalPage({
  status,
  cursor,
  isFirst,
  isLast,
  viewerId,
  canManage,
  onMore,
  onDecide,
}: {
  status: StatusFilter;
  cursor?: string;
  isFirst: boolean;
  isLast: boolean;
  viewerId: string;
  canManage: boolean;
  onMore: (cursor: string) => void;
  onDecide: (a: Approval, d: Decision) => void;
}) {
  const query = useApprovals(approvalParams(status, cursor));
  if (query.isPending) {
    return (
      <tbody aria-busy="true">
        {Array.from({ length: 3 }, (_, i) => (
          <tr key={i}>
            <td colSpan={4} className="px-4 py-3">
              <Skeleton className="h-10 w-full" />
            </td>
          </tr>
        ))}
      </tbody>
    );
  }
  if (query.isError) {
    return (
      <tbody>
        <tr>
          <td colSpan={4}>
            <ErrorState
              title="Could not load the requests"
              detail={problemDetail(query.error)}
              onRetry={() => void query.refetch()}
            />
          </td>
        </tr>
      </tbody>
    );
  }
  const { data, next_cursor } = query.data;
  return (
    <tbody className="max-md:block">
      {isFirst && data.length === 0 && (
        <tr>
          <td colSpan={4}>
            <EmptyState icon={BadgeCheck} {...EMPTY[status]} />
          </td>
        </tr>
      )}
      {data.map((a) => (
        <Tr
          key={a.id}
          data-testid="approval-row"
          data-approval-id={a.id}
          className="max-md:flex max-md:flex-col max-md:border-b max-md:border-slate-100 max-md:py-2"
        >
          <Td className={cn("max-w-md", STACKED)}>
            <WouldGrant approval={a} />
          </Td>
          <Td className={STACKED}>
            <span className="text-slate-500 md:hidden">To </span>
            <GrantTarget approval={a} />
          </Td>
          <Td className={STACKED}>
            <div className="flex items-center gap-1.5 text-slate-800">
              <span className="text-slate-500 md:hidden">Asked by</span>
              {a.requested_by.email}
              {a.requested_by.id === viewerId && <Badge tone="brand">you</Badge>}
            </div>
            <TimeAgo iso={a.created_at} className="text-xs text-slate-500" />
          </Td>
          <Td className={cn("w-64", STACKED)}>
            {a.status === "pending" ? (
              <DecideButtons approval={a} viewerId={viewerId} canManage={canManage} onDecide={onDecide} />
            ) : (
              <Decided approval={a} />
            )}
          </Td>
        </Tr>
      ))}
      {isLast && next_cursor && (
        <tr>
          <td colSpan={4} className="px-4 py-3 text-center">
            <Button variant="secondary" size="sm" onClick={() => onMore(next_cursor)}>
              Load more
            </Button>
          </td>
        </tr>
      )}
    </tbody>
  );
}

/** Approve / Reject; disabled, with the reason on hover and focus, for one's own request or without the permission. */
function DecideButtons({
  approval,
  viewerId,
  canManage,
  onDecide,
}: {
  approval: Approval;
  viewerId: string;
  canManage: boolean;
  onDecide: (a: Approval, d: Decision) => void;
}) {
  const own = approval.requested_by.id === viewerId;
  const why = own
    ? "You asked for this grant: another admin must decide it (four eyes)."
    : !canManage
      ? `Deciding requires the permission ${"gatehouse.approvals.manage" satisfies GatehouseCode}.`
      : null;
  const buttons = (
    <div className="flex gap-2">
      <Button
        size="sm"
        className="disabled:opacity-50"
        disabled={why !== null}
        onClick={() => onDecide(approval, "approve")}
        aria-label={`Approve ${approval.permission.code}`}
      >
        Approve
      </Button>
      <Button
        size="sm"
        variant="secondary"
        className="disabled:opacity-50"
        disabled={why !== null}
        onClick={() => onDecide(approval, "reject")}
        aria-label={`Reject ${approval.permission.code}`}
      >
        Reject
      </Button>
    </div>
  );
  if (!why) return buttons;
  // A disabled button gets no hover or focus: the wrapper carries the explanation.
  return (
    <Tooltip content={why}>
      <span role="group" tabIndex={0} className="inline-block rounded-lg" aria-label={why} data-testid="decide-locked">
        {buttons}
      </span>
    </Tooltip>
  );
}

function Decided({ approval }: { approval: Approval }) {
  return (
    <div className="text-sm">
      <Badge tone={approval.status === "approved" ? "green" : "red"}>
        {approval.status === "approved" ? "Approved" : "Rejected"}
      </Badge>
      <p className="mt-1 text-slate-700">
        by {approval.decided_by?.email ?? "a former admin"}
        {approval.decided_at && (
          <>
            {" "}
            · <TimeAgo iso={approval.decided_at} className="text-slate-500" />
          </>
        )}
      </p>
      {approval.reason && <p className="mt-0.5 text-slate-500">“{approval.reason}”</p>}
    </div>
  );
}
