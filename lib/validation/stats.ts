import { z } from "zod";

/**
 * A UTC day of the statistics. ISO 8601 (and zod) accept year 0000, which PostgreSQL's `date`
 * does not (a query with it fails: a 500); and the default range reaches 29 days before `to`. No
 * check predates 1970, so the days start there.
 */
const day = z.iso.date().refine((d) => d >= "1970-01-01", "Must be 1970-01-01 or later");

/** Days (UTC), inclusive; check_stats keeps one row per tenant × permission × day. */
export const checkStatsQuery = z
  .strictObject({ from: day.optional(), to: day.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["from"] });

export type CheckStatsQuery = z.infer<typeof checkStatsQuery>;
