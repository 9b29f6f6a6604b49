"use client";
import { Download } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";
import { exportAuditCsv, useAudit } from "@/lib/query/audit";
import { type AuditFilters, auditApiParams, hasFilters } from "./filters";

/**
 * Downloads the filtered log as CSV. The API answers CSV for `Accept: text/csv` (there is no
 * `format=` parameter), which a plain link cannot send; so fetch it and hand the file to the browser.
 */
export function ExportButton({ filters }: { filters: AuditFilters }) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const { limit: _limit, cursor: _cursor, ...params } = auditApiParams(filters);
      const res = await exportAuditCsv(params);
      if (!res.ok) {
        const problem = (await res.json().catch(() => ({}))) as { title?: string; detail?: string };
        toast.error(problem.title ?? "Export failed", { description: problem.detail });
        return;
      }
      const blob = await res.blob();
      const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "audit.csv";
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      toast.success("Audit log exported", { description: name });
    } catch {
      toast.error("Export failed", { description: "The server could not be reached." });
    } finally {
      setBusy(false);
    }
  };
  // The list's first page (seeded by the server, shared with the table) says whether anything matches.
  const first = useAudit(auditApiParams(filters));
  const empty = first.data?.data.length === 0;
  const button = (
    <Button
      variant="secondary"
      onClick={run}
      disabled={busy || empty}
      aria-describedby={empty ? "export-none" : undefined}
    >
      <Download className="size-4" aria-hidden />
      {busy ? "Exporting…" : "Export CSV"}
    </Button>
  );
  if (!empty) return button;
  // A disabled button gets no hover or focus: the wrapper carries the reason.
  const why = hasFilters(filters)
    ? "Nothing to export: no entry matches these filters."
    : "Nothing to export: the log is empty.";
  return (
    <Tooltip content={why}>
      <span tabIndex={0} className="inline-flex rounded-lg" data-testid="export-disabled">
        {button}
        <span id="export-none" className="sr-only">
          {why}
        </span>
      </span>
    </Tooltip>
  );
}
