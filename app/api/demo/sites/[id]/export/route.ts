import { siteAction } from "@/lib/demo/actions";

/** Export one site's data. */
export const POST = siteAction("sites.detail.actions.export", (s) => `Export of ${s.name} is being prepared.`);
