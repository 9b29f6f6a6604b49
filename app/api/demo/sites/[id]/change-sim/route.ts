import { siteAction } from "@/lib/demo/actions";

/** Swap the communications SIM (requires MFA). */
export const POST = siteAction("sites.detail.actions.change_sim", (s) => `SIM swap requested for ${s.name}.`);
