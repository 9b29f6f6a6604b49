import { jobAction } from "@/lib/demo/actions";

/** Mark a job done. */
export const POST = jobAction("jobs.detail.complete", (j) => `${j.id} completed.`);
