import { demoResult, emptyBody, plainAction } from "@/lib/demo/actions";

/** Export the reading-discrepancy report. */
export const POST = plainAction("reports.rdg.export", emptyBody, () => demoResult("RDG report exported."));
