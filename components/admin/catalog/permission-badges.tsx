import { Archive, BadgeCheck, Lock, ShieldAlert, Smartphone } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { CatalogPermission } from "@/lib/query/catalog";
import { cn } from "@/lib/utils";

/** One risk style for every page: components/ui/risk-badge.tsx. */
export { RiskBadge } from "@/components/ui/risk-badge";

export function CategoryBadge({ category }: { category: string }) {
  return (
    <Badge tone="slate" className="capitalize">
      {category}
    </Badge>
  );
}

/** System / global / custom: whose permission it is. */
export function OriginBadge({ permission: p }: { permission: CatalogPermission }) {
  if (p.is_system)
    return (
      <Badge tone="slate">
        <Lock className="size-3" aria-hidden />
        System
      </Badge>
    );
  if (p.is_global) return <Badge tone="slate">Global</Badge>;
  return <Badge tone="brand">Custom</Badge>;
}

/** The flags that change how a grant behaves: MFA, approval, deprecated, inactive. */
export function PermissionFlags({
  permission: p,
  compact = false,
}: {
  permission: CatalogPermission;
  compact?: boolean;
}) {
  return (
    <>
      {p.requires_mfa && (
        <Badge tone="amber" title="Requires a recent MFA step-up">
          <Smartphone className="size-3" aria-hidden />
          {compact ? "MFA" : "Requires MFA"}
        </Badge>
      )}
      {p.requires_approval && (
        <Badge tone="amber" title="Granting it needs a second admin's approval">
          <BadgeCheck className="size-3" aria-hidden />
          {compact ? "Approval" : "Requires approval"}
        </Badge>
      )}
      {p.deprecated && (
        <Badge tone="red" title={p.replacement ? `Deprecated: use ${p.replacement}` : "Deprecated"}>
          <Archive className="size-3" aria-hidden />
          Deprecated
        </Badge>
      )}
      {!p.is_active && (
        <Badge tone="slate" title="Inactive: denied to everyone">
          <ShieldAlert className="size-3" aria-hidden />
          Inactive
        </Badge>
      )}
    </>
  );
}
