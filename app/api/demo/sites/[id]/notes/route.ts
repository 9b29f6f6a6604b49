import { noteBody, siteAction } from "@/lib/demo/actions";

/** Add a note to a site. */
export const POST = siteAction("sites.detail.actions.add_note", (s) => `Note added to ${s.name}.`, noteBody);
