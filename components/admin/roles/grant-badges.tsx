import { Filter, KeyRound, ShieldCheck } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Tooltip } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils";

const RISK = {
  low: { tone: "green", dot: "bg-emerald-500" },
  medium: { tone: "amber", dot: "bg-amber-500" },
  high: { tone: "red", dot: "bg-orange-500" },
  critical: { tone: "red", dot: "bg-red-600" },
} as const;

/** A permission's risk as a coloured badge: green low, amber medium, red high and critical. */
export function RiskBadge({ risk }: { risk: string }) {
  const r = RISK[risk as keyof typeof RISK] ?? RISK.low;
  return (
    <Badge tone={r.tone} className={cn(risk === "critical" && "font-semibold")}>
      <span aria-hidden className={cn("size-1.5 rounded-full", r.dot)} />
      {risk}
    </Badge>
  );
}

export function MfaBadge() {
  return (
    <Tooltip content="Using it requires a verified TOTP code in the last 15 minutes">
      <span tabIndex={0}>
        <Badge tone="brand">
          <KeyRound className="size-3" aria-hidden />
          MFA
        </Badge>
      </span>
    </Tooltip>
  );
}

export function ApprovalBadge() {
  return (
    <Tooltip content="Granting it needs a second admin's approval">
      <span tabIndex={0}>
        <Badge tone="amber">
          <ShieldCheck className="size-3" aria-hidden />
          Approval
        </Badge>
      </span>
    </Tooltip>
  );
}

export function ScopeBadge({ scope }: { scope: string }) {
  return <Badge tone={scope === "organization" ? "slate" : "brand"}>{scope}</Badge>;
}

export function ConditionsBadge({ conditions }: { conditions: unknown }) {
  if (!conditions || typeof conditions !== "object" || Object.keys(conditions).length === 0) return null;
  const text = JSON.stringify(conditions);
  return (
    <Tooltip content={<code className="font-mono">{text}</code>}>
      <span tabIndex={0}>
        <Badge tone="amber">
          <Filter className="size-3" aria-hidden />
          conditions
        </Badge>
      </span>
    </Tooltip>
  );
}
