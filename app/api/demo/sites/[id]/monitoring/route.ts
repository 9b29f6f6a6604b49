import { siteAction } from "@/lib/demo/actions";

/** Start advanced (half-hourly) monitoring. */
export const POST = siteAction("sites.detail.actions.monitoring", (s) => `Advanced monitoring started for ${s.name}.`);
