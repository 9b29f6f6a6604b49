import { siteAction } from "@/lib/demo/actions";

/** Acknowledge the site's open alerts. */
export const POST = siteAction(
  "sites.detail.actions.alerts",
  (s) => `${s.openAlerts} alert${s.openAlerts === 1 ? "" : "s"} acknowledged.`,
);
