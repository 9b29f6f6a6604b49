"use client";
import { RefreshCw, TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { ApiProblem } from "@/lib/query/api";

/**
 * A refused role write explained where it happened: a stale `version` (409) offers to reload the
 * role; a rule of the domain (422, e.g. a cycle) shows the server's message as it is.
 */
export function WriteProblem({
  error,
  onReload,
  what = "this role",
}: {
  error: ApiProblem | null;
  onReload: () => void;
  what?: string;
}) {
  if (!error) return null;
  if (error.status === 409 && typeof error.body.current_version === "number") {
    return (
      <div
        role="alert"
        className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
      >
        <p className="flex items-start gap-2">
          <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span>
            <strong className="font-semibold">Someone else changed {what} since you opened it.</strong> Your changes
            were not saved. Reload to see the current version, then make your change again.
          </span>
        </p>
        <Button size="sm" variant="secondary" onClick={onReload}>
          <RefreshCw className="size-3.5" aria-hidden />
          Reload
        </Button>
      </div>
    );
  }
  return (
    <div
      role="alert"
      className="flex items-start gap-2 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
    >
      <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
      <span>
        <strong className="font-semibold">{error.body.title ?? "Not saved"}.</strong> {error.body.detail}
      </span>
    </div>
  );
}
