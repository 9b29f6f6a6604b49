import { KeyRound, PackageX, ShieldCheck } from "lucide-react";
import { RISK_STYLE, riskStyle } from "@/components/ui/risk-badge";
import type { MatrixPermission } from "@/lib/query/matrix";
import { cn } from "@/lib/utils";

/**
 * Compact badges for the matrix rows. Their explanations are `data-tip` texts read by the grid's
 * one shared tooltip, so a thousand rows do not mount a thousand tooltips.
 */
const chip = "inline-flex h-5 shrink-0 items-center gap-1 rounded px-1.5 text-[11px] font-medium ring-1 ring-inset";

export { RISK_STYLE };

export function RiskChip({ risk, className }: { risk: string; className?: string }) {
  const style = riskStyle(risk);
  return (
    <span className={cn(chip, style.chip, className)} data-tip={`Risk: ${risk}`}>
      <span aria-hidden className={cn("size-1.5 rounded-full", style.dot)} />
      {risk}
    </span>
  );
}

export function CategoryChip({ category }: { category: string }) {
  return (
    <span className={cn(chip, "bg-slate-100 text-slate-600 ring-slate-200")} data-tip={`Category: ${category}`}>
      {category}
    </span>
  );
}

export function MfaChip() {
  return (
    <span
      className={cn(chip, "bg-brand-50 text-brand-700 ring-brand-100")}
      data-tip="Using it requires a verified TOTP code in the last 15 minutes"
    >
      <KeyRound className="size-3" aria-hidden />
      MFA
    </span>
  );
}

export function ApprovalChip() {
  return (
    <span
      className={cn(chip, "bg-amber-50 text-amber-800 ring-amber-200")}
      data-tip="Granting it needs a second admin's approval: saving opens a request"
    >
      <ShieldCheck className="size-3" aria-hidden />
      Approval
    </span>
  );
}

export function FlagChip({ children, tip }: { children: React.ReactNode; tip: string }) {
  return (
    <span className={cn(chip, "bg-slate-50 text-slate-500 ring-slate-200")} data-tip={tip}>
      {children}
    </span>
  );
}

/** Words for a permission the tenant's plan leaves out: which menu item, and which plans have it. */
export function outOfPlanText(out: NonNullable<MatrixPermission["out_of_plan"]>, planName: string): string {
  const plans = out.plans.map((p) => p.name);
  const where = plans.length ? `It comes with ${plans.join(" or ")}.` : "No plan includes it.";
  return `${out.menu_item_name} is not in your plan (${planName}). ${where} It cannot be granted, and a grant left from an earlier plan grants nothing.`;
}

export function PlanChip({ out, planName }: { out: NonNullable<MatrixPermission["out_of_plan"]>; planName: string }) {
  return (
    <span className={cn(chip, "bg-slate-100 text-slate-600 ring-slate-300")} data-tip={outOfPlanText(out, planName)}>
      <PackageX className="size-3" aria-hidden />
      Not in {planName}
    </span>
  );
}
