import { z } from "zod";
import { demoResult, plainAction } from "@/lib/demo/actions";

const assign = z
  .object({
    ids: z.array(z.string().max(40)).min(1, "Select at least one job").max(200),
    assignee: z.string().trim().min(1).max(120),
  })
  .strict();

/** Assign several jobs at once. */
export const POST = plainAction("jobs.list.bulk_assign", assign, (b) =>
  demoResult(`${b.ids.length} job${b.ids.length === 1 ? "" : "s"} assigned to ${b.assignee}.`),
);
