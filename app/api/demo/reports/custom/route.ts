import { z } from "zod";
import { demoResult, plainAction } from "@/lib/demo/actions";

const custom = z.object({ name: z.string().trim().min(3, "At least 3 characters").max(120) }).strict();

/** Create a custom report. */
export const POST = plainAction("reports.custom.create", custom, (b) =>
  demoResult(`Custom report “${b.name}” created.`),
);
