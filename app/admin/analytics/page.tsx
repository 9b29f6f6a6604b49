import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { AnalyticsDashboard } from "@/components/admin/analytics/analytics-dashboard";
import { dayParams, parseRange, rangeDays, rangeParams } from "@/components/admin/analytics/range";
import { PageHeader } from "@/components/ui/page-header";
import { sectionPage } from "@/lib/admin/section-page";
import { CONSOLE_CRUMBS } from "@/lib/admin/sections";
import { statsQueries } from "@/lib/query/stats";
import { checkStatistics } from "@/lib/services/check-stats";

export const metadata: Metadata = { title: "Analytics" };

/**
 * Prefetched like the other pages: the check counters live on globalThis (lib/permissions/stats.ts),
 * one set per process shared by pages and route handlers, so the service called here flushes the
 * same pending counts the API would. The period first (its read flushes), then each of its days.
 */
export default async function AnalyticsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const page = await sectionPage("/admin/analytics");
  const days = parseRange((await searchParams).days);
  // "Today" is the server's UTC day, handed to the client so every request names the same days.
  const today = new Date().toISOString().slice(0, 10);
  const range = rangeParams(today, days);
  await page.seed(statsQueries.checks(range), () => checkStatistics(page.ctx, range));
  await Promise.all(
    rangeDays(today, days).map((day) =>
      page.seed(statsQueries.checks(dayParams(day)), () => checkStatistics(page.ctx, dayParams(day))),
    ),
  );
  return (
    <HydrationBoundary state={page.state()}>
      <PageHeader
        title="Analytics"
        crumbs={CONSOLE_CRUMBS}
        current="Analytics"
        description="How often apps ask Gatehouse about permissions, how often the answer is no, and how well the decision cache serves them."
      />
      <AnalyticsDashboard today={today} initialDays={days} canDrill={await page.can("gatehouse.audit.view")} />
    </HydrationBoundary>
  );
}
