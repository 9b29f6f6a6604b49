import { siteAction } from "@/lib/demo/actions";

/** Book a meter exchange (requires MFA). */
export const POST = siteAction("sites.detail.actions.change_meter", (s) => `Meter exchange booked for ${s.name}.`);
