"use client";
import { ChartColumn, RefreshCw } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState, ErrorState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { problemDetail } from "@/lib/query/hooks";
import { paths } from "@/lib/query/paths";
import { useCheckStats, useCheckStatsSeries, useRefreshCheckStats } from "@/lib/query/stats";
import { cn } from "@/lib/utils";
import { BusiestPermissions, ChecksOverTime } from "./charts";
import { dayParams, RANGES, type RangeDays, rangeDays, rangeParams } from "./range";
import { DecisionDrill, type Drill, UsageViews } from "./usage-views";

const pct = (n: number | null) => (n === null ? "—" : `${(n * 100).toFixed(n > 0 && n < 0.01 ? 2 : 1)}%`);
const num = (n: number) => n.toLocaleString("en");

/** The checks of each day of the range, one request a day (the stats API sums a range). */
function useDailySeries(days: string[]) {
  return useCheckStatsSeries(days.map(dayParams), (results) => ({
    pending: results.some((r) => r.isPending),
    error: results.find((r) => r.isError)?.error ?? undefined,
    points: results.map((r, i) => ({
      day: days[i]!,
      allowed: r.data?.totals.allowed ?? 0,
      denied: r.data?.totals.denied ?? 0,
    })),
  }));
}

/** `canDrill`: the viewer reads the decision log (`gatehouse.audit.view`), so denials open it. */
export function AnalyticsDashboard({
  today,
  initialDays,
  canDrill,
}: {
  today: string;
  initialDays: RangeDays;
  canDrill: boolean;
}) {
  const [days, setDays] = useState(initialDays);
  const stats = useCheckStats(rangeParams(today, days));
  const series = useDailySeries(rangeDays(today, days));
  const [showAll, setShowAll] = useState(false);
  const [drill, setDrill] = useState<Drill | null>(null);
  const range = rangeParams(today, days);
  const openDrill = (d: Drill) => {
    setDrill(d);
    requestAnimationFrame(() => document.getElementById("decision-drill")?.scrollIntoView({ block: "nearest" }));
  };

  const choose = (d: RangeDays) => {
    setDays(d);
    const url = new URL(window.location.href);
    url.searchParams.set("days", String(d));
    window.history.replaceState(null, "", url);
  };
  const refreshStats = useRefreshCheckStats();
  const refresh = () => void refreshStats();

  const toolbar = (
    <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
      <div role="radiogroup" aria-label="Period" className="inline-flex rounded-lg bg-slate-100 p-1">
        {RANGES.map((r) => (
          <button
            key={r}
            type="button"
            role="radio"
            aria-checked={days === r}
            onClick={() => choose(r)}
            className={cn(
              "rounded-md px-3 py-1 text-sm font-medium text-slate-600 hover:text-slate-900",
              days === r && "bg-white text-slate-900 shadow-sm",
            )}
          >
            Last {r} days
          </button>
        ))}
      </div>
      <Button variant="ghost" size="sm" onClick={refresh} disabled={stats.isFetching}>
        <RefreshCw className={cn("size-4", stats.isFetching && "animate-spin")} aria-hidden />
        Refresh
      </Button>
    </div>
  );

  if (stats.isPending) {
    return (
      <>
        {toolbar}
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-28" />
          ))}
        </div>
        <Skeleton className="mt-4 h-80" />
      </>
    );
  }
  if (stats.isError)
    return (
      <>
        {toolbar}
        <Card>
          <ErrorState
            title="Could not load the statistics"
            detail={problemDetail(stats.error)}
            onRetry={() => void stats.refetch()}
          />
        </Card>
      </>
    );

  const s = stats.data;
  const byTotal = [...s.data].sort((a, b) => b.total - a.total || a.code.localeCompare(b.code));
  const denialRate = s.totals.total ? s.totals.denied / s.totals.total : null;
  const cacheDetail =
    s.cache.hits + s.cache.misses
      ? `${num(s.cache.hits)} hits · ${num(s.cache.misses)} misses (this server)`
      : "No decisions taken by this server yet";

  if (s.totals.total === 0) {
    return (
      <>
        {toolbar}
        <Card>
          <EmptyState
            icon={ChartColumn}
            title={`No checks in the last ${days} days`}
            description={
              <>
                Checks are counted when an app asks Gatehouse through the check API —{" "}
                <code className="font-mono text-xs">POST {paths.check}</code> (one per call) or{" "}
                <code className="font-mono text-xs">/check/bulk</code> (one per code) — with an API key of scope{" "}
                <em>check</em>. Counters are kept in memory and written every 15 seconds; opening this page writes this
                server’s at once.
              </>
            }
          />
        </Card>
      </>
    );
  }

  return (
    <>
      {toolbar}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Checks" value={num(s.totals.total)} detail={`${s.from} – ${s.to}`} />
        <Stat
          label="Denial rate"
          value={pct(denialRate)}
          detail={`${num(s.totals.denied)} denied · ${num(s.totals.allowed)} allowed`}
          tone={denialRate !== null && denialRate > 0.25 ? "red" : undefined}
        />
        <Stat label="Cache hit rate" value={pct(s.cache.hit_rate)} detail={cacheDetail} />
        <Stat
          label="Permissions checked"
          value={num(s.data.length)}
          detail={byTotal[0] ? `Busiest: ${byTotal[0].code}` : ""}
        />
      </div>

      <div className="mt-4 grid gap-4 xl:grid-cols-2">
        <Card>
          <CardHeader
            title="Checks over time"
            description={
              series.pending || series.error
                ? "Allowed and denied checks per day (UTC)"
                : `Allowed and denied per UTC day, side by side · ${num(series.points.reduce((n, p) => n + p.allowed, 0))} allowed, ${num(series.points.reduce((n, p) => n + p.denied, 0))} denied`
            }
          />
          <div className="px-2 py-4" data-testid="chart-over-time">
            {series.error ? (
              <ErrorState detail={problemDetail(series.error)} />
            ) : series.pending ? (
              <Skeleton className="mx-3 h-64" />
            ) : (
              <ChecksOverTime data={series.points} />
            )}
          </div>
        </Card>
        <Card>
          <CardHeader
            title="Busiest permissions"
            description={`The ${Math.min(10, byTotal.length)} most checked codes`}
          />
          <div className="px-2 py-4" data-testid="chart-busiest">
            <BusiestPermissions data={byTotal.slice(0, 10)} />
          </div>
        </Card>
      </div>

      <Card className="mt-4">
        <CardHeader
          title="Checks per permission"
          description="Every code asked about in the period, most checked first"
        />
        <Table>
          <thead>
            <tr>
              <Th>Permission</Th>
              <Th className="text-right">Allowed</Th>
              <Th className="text-right">Denied</Th>
              <Th className="text-right">Total</Th>
              <Th className="w-56">Denial rate</Th>
            </tr>
          </thead>
          <tbody>
            {(showAll ? byTotal : byTotal.slice(0, 25)).map((r) => {
              const rate = r.total ? r.denied / r.total : 0;
              return (
                <Tr key={r.code}>
                  <Td>
                    <code className="font-mono text-xs text-slate-800">{r.code}</code>
                  </Td>
                  <Td className="text-right tabular-nums">{num(r.allowed)}</Td>
                  <Td className="text-right tabular-nums">
                    {r.denied > 0 && canDrill ? (
                      <button
                        type="button"
                        className="font-medium text-red-700 underline-offset-2 hover:underline"
                        onClick={() => openDrill({ code: r.code, label: r.code })}
                        aria-label={`Denials of ${r.code}`}
                      >
                        {num(r.denied)}
                      </button>
                    ) : (
                      num(r.denied)
                    )}
                  </Td>
                  <Td className="text-right font-medium tabular-nums text-slate-900">{num(r.total)}</Td>
                  <Td>
                    <div className="flex items-center gap-2">
                      <div className="h-1.5 flex-1 overflow-hidden rounded-full bg-slate-100" aria-hidden>
                        <div className="h-full rounded-full bg-red-500" style={{ width: `${rate * 100}%` }} />
                      </div>
                      <span className="w-12 text-right text-xs tabular-nums text-slate-600">{pct(rate)}</span>
                    </div>
                  </Td>
                </Tr>
              );
            })}
          </tbody>
        </Table>
        {byTotal.length > 25 && (
          <div className="border-t border-slate-100 px-5 py-3 text-center">
            <Button variant="ghost" size="sm" onClick={() => setShowAll((v) => !v)}>
              {showAll ? "Show the top 25" : `Show all ${byTotal.length}`}
            </Button>
          </div>
        )}
      </Card>
      <div id="decision-drill">
        {drill && <DecisionDrill drill={drill} range={range} onClose={() => setDrill(null)} />}
      </div>
      <UsageViews range={range} onDrill={canDrill ? openDrill : undefined} />
    </>
  );
}

function Stat({ label, value, detail, tone }: { label: string; value: string; detail: string; tone?: "red" }) {
  return (
    <Card className="p-5" aria-label={label}>
      <p className="text-sm font-medium text-slate-500" aria-hidden>
        {label}
      </p>
      <p className={cn("mt-1 text-3xl font-semibold tabular-nums text-slate-900", tone === "red" && "text-red-700")}>
        {value}
      </p>
      <p className="mt-1 truncate text-xs text-slate-500" title={detail}>
        {detail}
      </p>
    </Card>
  );
}
