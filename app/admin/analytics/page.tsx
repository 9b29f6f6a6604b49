import type { Metadata } from "next";
import { AnalyticsDashboard } from "@/components/admin/analytics/analytics-dashboard";
import { parseRange } from "@/components/admin/analytics/range";
import { PageHeader } from "@/components/ui/page-header";
import { CONSOLE_CRUMBS } from "@/lib/admin/sections";
import { adminPage } from "@/lib/admin/page";

export const metadata: Metadata = { title: "Analytics" };

/**
 * Not prefetched here, unlike the other pages: the check counters not yet flushed live in memory
 * of the route handlers' module instance (lib/permissions/stats.ts), which a server component
 * does not share; reading through the API flushes the right ones, so the numbers include the
 * checks of the last seconds.
 */
export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await adminPage("gatehouse.stats.view");
  const days = parseRange((await searchParams).days);
  // "Today" is the server's UTC day, handed to the client so every request names the same days.
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <PageHeader
        title="Analytics"
        crumbs={CONSOLE_CRUMBS}
        current="Analytics"
        description="How often apps ask Gatehouse about permissions, how often the answer is no, and how well the decision cache serves them."
      />
      <AnalyticsDashboard today={today} initialDays={days} />
    </>
  );
}
