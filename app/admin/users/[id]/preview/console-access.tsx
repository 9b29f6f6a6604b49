import { LayoutDashboard } from "lucide-react";
import type { GatehouseCode } from "@/lib/permissions/gatehouse-codes";

/**
 * The admin console side of "Preview as user": the sections this member would find in the console's
 * sidebar, decided like the sidebar decides them for its viewer, or why they would not get in.
 */
export function ConsoleAccess({ name, sections }: { name: string; sections: string[] }) {
  return (
    <section
      aria-label="Admin console access"
      className="mb-4 flex flex-wrap items-center gap-2 rounded-xl bg-white px-4 py-3 text-sm ring-1 ring-slate-200"
    >
      <LayoutDashboard className="size-4 text-slate-500" aria-hidden />
      {sections.length ? (
        <>
          <span className="text-slate-700">In the admin console, {name} sees:</span>
          <ul className="flex flex-wrap gap-1.5" aria-label="Console sections">
            {sections.map((s) => (
              <li
                key={s}
                className="rounded-md bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700 ring-1 ring-brand-100"
              >
                {s}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <span className="text-slate-600">
          {name} cannot open the admin console (it needs{" "}
          <code className="font-mono text-xs">{"gatehouse.console" satisfies GatehouseCode}</code>).
        </span>
      )}
    </section>
  );
}
