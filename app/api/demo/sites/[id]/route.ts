import { z } from "zod";
import { siteAction } from "@/lib/demo/actions";

const edit = z
  .object({ name: z.string().trim().min(2).max(120).optional(), notes: z.string().max(2000).optional() })
  .strict();

/** Edit a site's details. */
export const PATCH = siteAction("sites.detail.edit", (s) => `Saved ${s.name}.`, edit);
/** Delete a site from the list. */
export const DELETE = siteAction("sites.list.delete_action", (s) => `Deleted ${s.name} (${s.id}).`);
