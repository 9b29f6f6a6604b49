"use client";
import { Download, Upload } from "lucide-react";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { parse } from "yaml";
import { plural, ReviewDialog } from "@/components/admin/review-dialog";
import { Button } from "@/components/ui/button";
import { problemDetail, problemTitle } from "@/lib/query/hooks";
import {
  type PolicyChange,
  type PolicyPreview,
  policyDownloadHref,
  previewPolicy,
  useApplyPolicy,
} from "@/lib/query/policy";
import { cn } from "@/lib/utils";

const KIND_LABELS: Record<PolicyChange["kind"], string> = {
  permission: "Custom permissions",
  role: "Roles",
  grant: "Grants (role:code)",
  template: "Templates",
  member_role: "Members' roles (email:role)",
  override: "Members' overrides (email:code)",
};
const SIGN = { add: "+", remove: "−", change: "~" } as const;

/**
 * "Export policy" (the tenant's policy as a YAML file) and "Import with review": a policy file
 * (YAML or JSON) is dry-run on the server, its changes shown as the matrix's save review shows
 * its own, and applied only as reviewed — at the perm_version of the dry run (If-Match), so a
 * change someone made in between is refused (412) rather than overwritten.
 */
export function PolicyImport({ canManage }: { canManage: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [review, setReview] = useState<{ name: string; doc: unknown; preview: PolicyPreview } | null>(null);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const apply = useApplyPolicy({
    success: (r) =>
      "approval_ids" in r
        ? `Policy applied; ${plural(r.approval_ids.length, "grant awaits", "grants await")} approval`
        : `Policy applied: ${plural(r.changes.length, "change")}`,
    onSuccess: () => setReview(null),
    onError: (e) => {
      setError(problemDetail(e) ?? problemTitle(e));
      return true;
    },
  });

  async function open(file: File) {
    setReading(true);
    setError(null);
    try {
      let doc: unknown;
      try {
        doc = parse(await file.text());
      } catch (e) {
        toast.error("Not a policy file", { description: e instanceof Error ? e.message : String(e) });
        return;
      }
      setReview({ name: file.name, doc, preview: await previewPolicy(doc) });
    } catch (e) {
      toast.error(problemTitle(e), { description: problemDetail(e) });
    } finally {
      setReading(false);
      if (input.current) input.current.value = "";
    }
  }

  const changes = review?.preview.changes ?? [];
  const kinds = [...new Set(changes.map((c) => c.kind))];
  return (
    <>
      <Button variant="secondary" asChild>
        <a href={policyDownloadHref(false)} download>
          <Download className="size-4" aria-hidden />
          Export policy
        </a>
      </Button>
      {canManage && (
        <>
          <Button variant="secondary" onClick={() => input.current?.click()} disabled={reading}>
            <Upload className="size-4" aria-hidden />
            {reading ? "Reading…" : "Import with review"}
          </Button>
          <input
            ref={input}
            type="file"
            accept=".yaml,.yml,.json,application/yaml,application/json"
            className="sr-only"
            aria-label="Policy file to import"
            data-testid="policy-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void open(file);
            }}
          />
        </>
      )}
      <ReviewDialog
        open={review !== null}
        onOpenChange={(o) => !o && (setReview(null), setError(null))}
        title="Review the policy before applying"
        description={
          changes.length ? (
            <>
              {review?.name}: {plural(changes.length, "change")} to this tenant, applied all or nothing
            </>
          ) : (
            <>{review?.name}: the tenant already is what this file says. Nothing to apply.</>
          )
        }
        total={changes.length}
        busy={apply.isPending}
        error={error}
        onConfirm={() => review && apply.mutate({ doc: review.doc, permVersion: review.preview.perm_version })}
      >
        {kinds.map((kind) => (
          <section key={kind} aria-label={KIND_LABELS[kind]} className="rounded-lg border border-slate-200">
            <header className="border-b border-slate-100 bg-slate-50/70 px-3 py-2">
              <h3 className="text-sm font-semibold text-slate-900">{KIND_LABELS[kind]}</h3>
            </header>
            <ul className="divide-y divide-slate-100 text-sm">
              {changes
                .filter((c) => c.kind === kind)
                .map((c) => (
                  <li key={`${c.op}:${c.key}`} className="flex items-center gap-2 px-3 py-1.5" data-op={c.op}>
                    <span
                      aria-hidden
                      className={cn(
                        "w-3 font-mono font-semibold",
                        c.op === "add" ? "text-emerald-700" : c.op === "remove" ? "text-red-700" : "text-amber-700",
                      )}
                    >
                      {SIGN[c.op]}
                    </span>
                    <span className="sr-only">{c.op}</span>
                    <code className="font-mono text-[13px] text-slate-900">{c.key}</code>
                  </li>
                ))}
            </ul>
          </section>
        ))}
      </ReviewDialog>
    </>
  );
}
