import type { LucideIcon } from "lucide-react";
import { cn } from "@/lib/utils";
import { Card } from "./card";

const TONES = {
  red: "bg-red-50 text-red-600",
  slate: "bg-slate-100 text-slate-500",
  amber: "bg-amber-50 text-amber-600",
} as const;

/**
 * A whole-page state — not allowed, not found, something broke — in the product's card: an icon,
 * a heading, what happened and what to do next, and the ways on.
 */
export function StatusPanel({
  icon: Icon,
  tone = "slate",
  title,
  children,
  actions,
  footnote,
  className,
}: {
  icon: LucideIcon;
  tone?: keyof typeof TONES;
  title: string;
  children?: React.ReactNode;
  actions?: React.ReactNode;
  footnote?: React.ReactNode;
  className?: string;
}) {
  return (
    <Card className={cn("mx-auto max-w-lg px-6 py-10 text-center", className)}>
      <span className={cn("mx-auto grid size-12 place-items-center rounded-full", TONES[tone])}>
        <Icon className="size-6" aria-hidden />
      </span>
      <h1 className="mt-4 text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
      {children && <div className="mt-2 text-sm text-slate-500">{children}</div>}
      {actions && <div className="mt-6 flex flex-wrap justify-center gap-2">{actions}</div>}
      {footnote && <p className="mt-4 text-xs text-slate-400">{footnote}</p>}
    </Card>
  );
}
