import { z } from "zod";
import { demoResult, plainAction } from "@/lib/demo/actions";

const newJob = z
  .object({ title: z.string().trim().min(3, "At least 3 characters").max(200), site_id: z.string().max(40).optional() })
  .strict();

/** Create a job. */
export const POST = plainAction("jobs.list.create_button", newJob, (b) => demoResult(`Job “${b.title}” created.`));
