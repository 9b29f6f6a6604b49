import { cn } from "@/lib/utils";

/**
 * The one look of a permission's risk, everywhere (catalog, role, approvals, templates, user page,
 * matrix): a dot and the word, green low, amber medium, orange high, solid red critical. Every
 * pair of text and background reads at 4.5:1 or more.
 */
export const RISK_STYLE = {
  low: { chip: "bg-emerald-50 text-emerald-800 ring-emerald-200", dot: "bg-emerald-500" },
  medium: { chip: "bg-amber-50 text-amber-800 ring-amber-200", dot: "bg-amber-500" },
  high: { chip: "bg-orange-50 text-orange-800 ring-orange-200", dot: "bg-orange-500" },
  critical: { chip: "bg-red-700 text-white ring-red-700 font-semibold", dot: "bg-white" },
} as const;

export const riskStyle = (risk: string) => RISK_STYLE[risk as keyof typeof RISK_STYLE] ?? RISK_STYLE.low;

export function RiskBadge({ risk, className }: { risk: string; className?: string }) {
  const style = riskStyle(risk);
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        style.chip,
        className,
      )}
      title={`Risk: ${risk}`}
      data-risk={risk}
    >
      <span aria-hidden className={cn("size-1.5 rounded-full", style.dot)} />
      {risk}
      <span className="sr-only"> risk</span>
    </span>
  );
}
