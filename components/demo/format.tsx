import { Badge } from "@/components/ui/badge";
import { MASK } from "@/lib/demo/site-detail";

const gbp = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });
const num = new Intl.NumberFormat("en-GB");
export const money = (n: number) => gbp.format(n);
export const number = (n: number) => num.format(n);

const TONES: Record<string, "green" | "amber" | "red" | "slate" | "brand"> = {
  online: "green",
  done: "green",
  paid: "green",
  resolved: "green",
  closed: "slate",
  active: "green",
  info: "brand",
  alert: "amber",
  warning: "amber",
  scheduled: "brand",
  in_progress: "brand",
  sent: "brand",
  confirmed: "brand",
  shipped: "brand",
  high: "amber",
  offline: "red",
  critical: "red",
  overdue: "red",
  urgent: "red",
  removed: "slate",
  maintenance: "slate",
  open: "slate",
  draft: "slate",
  low: "slate",
  normal: "slate",
};

/** A status word as a coloured badge ("in_progress" → "in progress"). */
export function StatusBadge({ value }: { value: string }) {
  return <Badge tone={TONES[value.toLowerCase()] ?? "slate"}>{value.replace(/_/g, " ")}</Badge>;
}

/** A demo page's reminder that its rows are generated. */
export function DemoNote() {
  return (
    <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium uppercase tracking-wide text-slate-500">
      Demo data
    </span>
  );
}

/** A value the viewer may not see: one look everywhere (never a monospaced "• • • •"). */
export function Masked({ label = "masked" }: { label?: string }) {
  return (
    <span
      role="img"
      aria-label={label}
      title="Masked: you may not see this value"
      className="select-none font-sans tracking-wider text-slate-400"
    >
      {MASK}
    </span>
  );
}
