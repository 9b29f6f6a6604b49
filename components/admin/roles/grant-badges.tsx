import { Filter, KeyRound, ShieldCheck } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Tooltip } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils";

/** One risk style for every page: components/ui/risk-badge.tsx. */
export { RiskBadge } from "@/components/ui/risk-badge";

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
