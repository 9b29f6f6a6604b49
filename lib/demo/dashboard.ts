import { demoJobs } from "./jobs";
import { consumptionByMonth } from "./reports";
import { siteAlerts } from "./site-tabs";
import { demoSites } from "./sites";

export const WIDGETS = {
  sites: "dashboard.widgets.sites_summary",
  jobs: "dashboard.widgets.jobs_overview",
  alerts: "dashboard.widgets.alerts",
  performance: "dashboard.widgets.performance",
  financial: "dashboard.widgets.financial",
} as const;

export interface DashboardData {
  sites?: { total: number; online: number; alert: number; offline: number; maintenance: number };
  jobs?: { open: number; scheduled: number; inProgress: number; done: number; urgent: number };
  alerts?: { siteId: string; siteName: string; severity: string; message: string; raised: string }[];
  performance?: { month: string; kwh: number }[];
  financial?: { billed: number; collected: number; outstanding: number; accounts: number };
}

/** The widgets' data, only for the widgets the viewer may see (the rest never leaves the server). */
export function dashboardFor(can: (code: string) => boolean): DashboardData {
  const sites = demoSites();
  const jobs = demoJobs();
  const count = <T>(list: T[], test: (x: T) => boolean) => list.filter(test).length;
  return {
    sites: can(WIDGETS.sites)
      ? {
          total: sites.length,
          online: count(sites, (s) => s.status === "online"),
          alert: count(sites, (s) => s.status === "alert"),
          offline: count(sites, (s) => s.status === "offline"),
          maintenance: count(sites, (s) => s.status === "maintenance"),
        }
      : undefined,
    jobs: can(WIDGETS.jobs)
      ? {
          open: count(jobs, (j) => j.status === "open"),
          scheduled: count(jobs, (j) => j.status === "scheduled"),
          inProgress: count(jobs, (j) => j.status === "in_progress"),
          done: count(jobs, (j) => j.status === "done"),
          urgent: count(jobs, (j) => j.priority === "urgent" && j.status !== "done"),
        }
      : undefined,
    alerts: can(WIDGETS.alerts)
      ? sites
          .flatMap((s) => siteAlerts(s).map((a) => ({ siteId: s.id, siteName: s.name, ...a })))
          .sort((a, b) => b.raised.localeCompare(a.raised))
          .slice(0, 6)
      : undefined,
    performance: can(WIDGETS.performance) ? consumptionByMonth() : undefined,
    financial: can(WIDGETS.financial)
      ? (() => {
          const billed = sites.reduce((sum, s) => sum + s.billing.monthly, 0);
          const outstanding = sites.reduce((sum, s) => sum + Math.max(0, s.billing.balance), 0);
          return { billed, collected: billed - Math.round(outstanding / 3), outstanding, accounts: sites.length };
        })()
      : undefined,
  };
}
