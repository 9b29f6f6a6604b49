import { noteBody, siteAction } from "@/lib/demo/actions";

/** Text the landlord (SMS). */
export const POST = siteAction(
  "sites.detail.actions.text_landlord",
  (s) => `Text sent to ${s.landlord.name.split(" ")[0]}.`,
  noteBody,
);
