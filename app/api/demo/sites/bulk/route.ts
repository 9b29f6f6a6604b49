import { z } from "zod";
import { demoResult, plainAction } from "@/lib/demo/actions";

const bulk = z
  .object({
    ids: z.array(z.string().max(40)).min(1, "Select at least one site").max(200),
    action: z.enum(["assign_engineer", "schedule_inspection", "archive"]),
  })
  .strict();
const verb = {
  assign_engineer: "Engineer assigned to",
  schedule_inspection: "Inspection scheduled for",
  archive: "Archived",
} as const;

/** Bulk actions on selected sites. */
export const POST = plainAction("sites.list.bulk_actions", bulk, (b) =>
  demoResult(`${verb[b.action]} ${b.ids.length} site${b.ids.length === 1 ? "" : "s"}.`),
);
