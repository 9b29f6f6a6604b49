"use client";
import { Download } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { withQuery } from "@/lib/query/api";
import { type AuditFilters, auditApiParams } from "./filters";

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
      const res = await fetch(withQuery("/api/v1/audit", params), { headers: { accept: "text/csv" }, credentials: "same-origin" });
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
  return (
    <Button variant="secondary" onClick={run} disabled={busy}>
      <Download className="size-4" aria-hidden />{busy ? "Exporting…" : "Export CSV"}
    </Button>
  );
}
