import { ArrowRight } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { formatDateTime, localToIso } from "./describe";
import type { OverrideEffect } from "./types";

export interface Change {
  code: string;
  name: string;
  effect: OverrideEffect;
  was: OverrideEffect;
  notes: string;
  expires: string;
  granted: boolean;
  risk?: string;
}

const tone = { inherit: "slate", allow: "green", deny: "red" } as const;
const word = { inherit: "inherit", allow: "allow", deny: "deny" } as const;

/** The review before saving: each code from its saved override to the new one, high risk flagged. */
export function PendingChanges({ changes }: { changes: Change[] }) {
  return (
    <ul
      aria-label="Changes to save"
      className="max-h-72 divide-y divide-slate-100 overflow-y-auto rounded-lg border border-slate-200"
    >
      {changes.map((c) => {
        const until = localToIso(c.expires);
        return (
          <li key={c.code} className="px-3 py-2 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <code className="font-mono text-xs text-slate-800">{c.code}</code>
              {(c.risk === "high" || c.risk === "critical") && (
                <Badge tone={c.risk === "critical" ? "red" : "amber"}>{c.risk} risk</Badge>
              )}
            </div>
            <p className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
              <Badge tone={tone[c.was]}>{word[c.was]}</Badge>
              <ArrowRight className="size-3" aria-hidden />
              <Badge tone={tone[c.effect]}>{word[c.effect]}</Badge>
              {c.effect === "inherit" ? (
                <span>the override is removed; roles decide</span>
              ) : (
                <span>
                  {until ? `until ${formatDateTime(until)}` : "no expiry"}
                  {c.notes.trim() ? ` · “${c.notes.trim()}”` : ""}
                </span>
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
