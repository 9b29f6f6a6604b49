import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { LegendButton } from "./page-legend";

/**
 * The title block of a product page: a breadcrumb that ends with the page itself, the title,
 * a description, the page's actions, and (with `legend`) the way to the permission legend.
 */
export function AppPageHeader({
  title,
  current,
  description,
  actions,
  crumbs,
  legend = false,
}: {
  title: React.ReactNode;
  /** The page's name as the breadcrumb ends with it (needed with `crumbs`). */
  current?: string;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  crumbs?: { href: string; label: string }[];
  legend?: boolean;
}) {
  return (
    <div className="mb-6">
      {crumbs && crumbs.length > 0 && (
        <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
          <ol className="flex min-w-0 items-center gap-1">
            {crumbs.map((c) => (
              <li key={c.href} className="flex shrink-0 items-center gap-1">
                <Link href={c.href} className="hover:text-slate-800 hover:underline">
                  {c.label}
                </Link>
                <ChevronRight className="size-3.5" aria-hidden />
              </li>
            ))}
            {current && (
              <li aria-current="page" className="truncate font-medium text-slate-700">
                {current}
              </li>
            )}
          </ol>
        </nav>
      )}
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
          {(description || legend) && (
            <div className="mt-1 flex max-w-3xl flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-500">
              {description && <span>{description}</span>}
              {legend && <LegendButton />}
            </div>
          )}
        </div>
        {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
      </div>
    </div>
  );
}
