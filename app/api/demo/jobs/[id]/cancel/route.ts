import { jobAction } from "@/lib/demo/actions";

/** Cancel a job. */
export const POST = jobAction("jobs.detail.cancel", (j) => `${j.id} cancelled.`);
