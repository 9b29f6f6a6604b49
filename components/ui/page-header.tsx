import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { Fragment } from "react";

export interface Crumb {
  href: string;
  label: string;
}

/**
 * The trail above a page's title: links to the pages above it, separated by chevrons, and — when
 * `current` is given — the page itself, last and unlinked. Never a chevron with nothing after it.
 */
export function Breadcrumbs({ crumbs, current }: { crumbs: Crumb[]; current?: string }) {
  if (crumbs.length === 0 && !current) return null;
  return (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
      <ol className="flex min-w-0 flex-wrap items-center gap-1">
        {crumbs.map((c, i) => (
          <Fragment key={c.href}>
            {i > 0 && <ChevronRight className="size-3.5 shrink-0 text-slate-400" aria-hidden />}
            <li>
              <Link href={c.href} className="hover:text-slate-800 hover:underline">
                {c.label}
              </Link>
            </li>
          </Fragment>
        ))}
        {current && (
          <>
            {crumbs.length > 0 && <ChevronRight className="size-3.5 shrink-0 text-slate-400" aria-hidden />}
            <li aria-current="page" className="max-w-[40ch] truncate font-medium text-slate-700">
              {current}
            </li>
          </>
        )}
      </ol>
    </nav>
  );
}

/**
 * The title block of a console page: breadcrumbs, title, description and actions on the right.
 * `current` names the page at the end of the breadcrumbs (usually the title, shorter if need be).
 */
export function PageHeader({
  title,
  description,
  actions,
  crumbs,
  current,
  className,
}: {
  title: React.ReactNode;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  crumbs?: Crumb[];
  current?: string;
  className?: string;
}) {
  return (
    <div className={className ?? "mb-6"}>
      {crumbs?.length || current ? <Breadcrumbs crumbs={crumbs ?? []} current={current} /> : null}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
          {description && <p className="mt-1 max-w-3xl text-sm text-slate-500">{description}</p>}
        </div>
        {/* Not shrink-0: on a phone the buttons wrap onto lines of their own instead of widening the page. */}
        {actions && <div className="flex min-w-0 flex-wrap items-center gap-2">{actions}</div>}
      </div>
    </div>
  );
}
