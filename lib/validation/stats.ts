import { z } from "zod";

/** Days (UTC), inclusive; check_stats keeps one row per tenant × permission × day. */
export const checkStatsQuery = z
  .strictObject({ from: z.iso.date().optional(), to: z.iso.date().optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["from"] });

export type CheckStatsQuery = z.infer<typeof checkStatsQuery>;
