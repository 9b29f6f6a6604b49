"use client";
import { Check, Copy, TriangleAlert } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import type { CreatedApiKey } from "@/lib/query/api-keys";
import { paths } from "@/lib/query/paths";

/**
 * The only time the secret exists outside the caller's app: the server keeps its hash. Closing
 * this dialog forgets it (it is never cached or refetched).
 */
export function SecretDialog({ created, onClose }: { created: CreatedApiKey | null; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied(true);
      toast.success("Key copied to the clipboard");
    } catch {
      toast.error("Could not copy", { description: "Select the key and copy it by hand." });
    }
  };
  const close = () => {
    setCopied(false);
    onClose();
  };
  return (
    <Dialog open={created !== null} onOpenChange={(o) => !o && close()}>
      {created && (
        <DialogContent
          title={`API key “${created.name}” created`}
          description="Copy the key now and store it in your app’s secret store."
          footer={<Button onClick={close}>{copied ? "Done" : "I have stored the key"}</Button>}
        >
          <div className="space-y-4">
            <div
              role="alert"
              className="flex gap-2 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2.5 text-sm text-amber-900"
            >
              <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
              <p>
                This is the only time the key is shown. Gatehouse keeps only a hash of it: if you lose it, revoke it and
                create a new one.
              </p>
            </div>
            <div>
              <label htmlFor="api-key-secret" className="mb-1.5 block text-sm font-medium text-slate-700">
                Secret key
              </label>
              <div className="flex gap-2">
                <input
                  id="api-key-secret"
                  readOnly
                  value={created.secret}
                  onFocus={(e) => e.currentTarget.select()}
                  className="block h-10 min-w-0 flex-1 rounded-lg border border-slate-300 bg-slate-50 px-3 font-mono text-xs text-slate-900"
                />
                <Button type="button" variant="secondary" onClick={copy} aria-label="Copy the key">
                  {copied ? (
                    <Check className="size-4 text-emerald-600" aria-hidden />
                  ) : (
                    <Copy className="size-4" aria-hidden />
                  )}
                  {copied ? "Copied" : "Copy"}
                </Button>
              </div>
              <p className="mt-1.5 text-xs text-slate-500">
                Scopes: {created.scopes.join(", ")} · shown in the list as{" "}
                <code className="font-mono">{created.prefix}…</code>
              </p>
            </div>
            <div>
              <p className="mb-1.5 text-sm font-medium text-slate-700">Try it</p>
              <pre className="overflow-x-auto rounded-lg bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100">{`curl -X POST ${typeof window === "undefined" ? "" : window.location.origin}${paths.check} \\
  -H "Authorization: Bearer $GATEHOUSE_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"user_email": "someone@example.com", "code": "products.view"}'`}</pre>
            </div>
          </div>
        </DialogContent>
      )}
    </Dialog>
  );
}
