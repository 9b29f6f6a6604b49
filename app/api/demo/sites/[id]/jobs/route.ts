import { siteAction } from "@/lib/demo/actions";

/** Raise a job for a site. */
export const POST = siteAction("sites.detail.actions.create_job", (s) => `Job raised for ${s.name}.`);
