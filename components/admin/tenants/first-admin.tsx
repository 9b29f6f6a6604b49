"use client";
import { Check, Copy, UserCheck } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { TenantCreated } from "@/lib/query/tenants";

/** What became of a new tenant's first Admin: a member already, or invited — the link shown this once. */
export function FirstAdmin({ admin }: { admin: NonNullable<TenantCreated["admin"]> }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="mb-4 flex items-start gap-3 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
      <UserCheck className="mt-0.5 size-5 shrink-0 text-emerald-600" aria-hidden />
      <div className="min-w-0 flex-1 text-sm">
        {admin.outcome === "member" ? (
          <p className="text-slate-800">
            <span className="font-medium">{admin.email}</span> is its Admin.
          </p>
        ) : (
          <>
            <p className="text-slate-800">
              <span className="font-medium">{admin.email}</span> is invited as its Admin. Send them this link: it is
              shown only now and works once.
            </p>
            <div className="mt-2 flex gap-2">
              <Input
                readOnly
                value={admin.invite_url ?? ""}
                aria-label="Invitation link"
                className="font-mono text-xs"
                onFocus={(e) => e.currentTarget.select()}
              />
              <Button
                variant="secondary"
                aria-label="Copy link"
                onClick={async () => {
                  await navigator.clipboard.writeText(admin.invite_url ?? "");
                  setCopied(true);
                }}
              >
                {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
                {copied ? "Copied" : "Copy"}
              </Button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
