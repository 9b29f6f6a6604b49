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

/** The longest series of GET /api/v1/stats/role-members: a year of days (a leap year's). */
export const ROLE_MEMBER_DAYS_MAX = 366;

const spanDays = (q: { from?: string; to?: string }) => {
  const to = Date.parse(q.to ?? new Date().toISOString().slice(0, 10));
  const from = q.from ? Date.parse(q.from) : to - 29 * 86_400_000;
  return Math.round((to - from) / 86_400_000) + 1;
};

/** Members per role over [from, to] (UTC days; default the last 30): one point a day, so a bounded span. */
export const roleMembersQuery = z
  .strictObject({ from: day.optional(), to: day.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["from"] })
  .refine((q) => spanDays(q) <= ROLE_MEMBER_DAYS_MAX, {
    message: `At most ${ROLE_MEMBER_DAYS_MAX} days from from to to (to defaults to today)`,
    path: ["from"],
  });
export type RoleMembersQuery = z.infer<typeof roleMembersQuery>;
