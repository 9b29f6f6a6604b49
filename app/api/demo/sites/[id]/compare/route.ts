import { siteAction } from "@/lib/demo/actions";

/** Compare the site's readings with last year's. */
export const POST = siteAction(
  "sites.detail.actions.compare",
  (s) => `Comparison of ${s.name} with last year is ready.`,
);
