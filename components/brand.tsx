import { ShieldCheck } from "lucide-react";
import { cn } from "@/lib/utils";

export function Brand({ className }: { className?: string }) {
  return (
    <span className={cn("inline-flex items-center gap-2 font-semibold tracking-tight text-slate-900", className)}>
      <span className="grid size-8 place-items-center rounded-lg bg-brand-600 text-white shadow-sm">
        <ShieldCheck className="size-5" aria-hidden />
      </span>
      Gatehouse
    </span>
  );
}
