"use client";
import { ShieldCheck } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { PENDING_PARAMS, useApprovals } from "@/lib/query/approvals";

/** Grants of this role waiting for a second admin (they are not in effect until approved). */
export function PendingApprovals({ roleId }: { roleId: string }) {
  const pending = useApprovals(PENDING_PARAMS);
  const mine = (pending.data?.data ?? []).filter((a) => a.role?.id === roleId);
  if (!mine.length) return null;
  return (
    <div
      role="status"
      className="mb-4 flex flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
    >
      <ShieldCheck className="size-4 shrink-0" aria-hidden />
      <span className="font-semibold">
        {mine.length} grant{mine.length === 1 ? " awaits" : "s await"} approval
      </span>
      <span className="flex flex-wrap gap-1">
        {mine.map((a) => (
          <Badge key={a.id} tone="amber" className="font-mono">
            {a.permission.code}
          </Badge>
        ))}
      </span>
      <Link href="/admin/approvals" className="ml-auto font-medium underline">
        Review in Approvals
      </Link>
    </div>
  );
}
