/**
 * Every date the UI shows, formatted one way: British English ("3 Jun 2025", "3 Jun 2025, 14:05")
 * in UTC. Locale and time zone are explicit, never the runtime's, so the server's HTML and the
 * browser's first render are the same string (no hydration mismatch) wherever either runs.
 */
const LOCALE = "en-GB";
const TIME_ZONE = "UTC";

const day = new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "short", year: "numeric", timeZone: TIME_ZONE });
const dayAndTime = new Intl.DateTimeFormat(LOCALE, {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: TIME_ZONE,
});
const timeOfDay = new Intl.DateTimeFormat(LOCALE, { hour: "2-digit", minute: "2-digit", timeZone: TIME_ZONE });
const dayOfMonth = new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "short", timeZone: TIME_ZONE });
const relative = new Intl.RelativeTimeFormat(LOCALE, { numeric: "auto" });

type When = string | number | Date;
const toDate = (when: When) => (when instanceof Date ? when : new Date(when));

/** "3 Jun 2025" */
export const formatDate = (when: When) => day.format(toDate(when));
/** "3 Jun 2025, 14:05" (UTC) */
export const formatDateTime = (when: When) => dayAndTime.format(toDate(when));
/** "14:05" (UTC) */
export const formatTime = (when: When) => timeOfDay.format(toDate(when));
/** "3 Jun": a chart's day label, for a `YYYY-MM-DD` UTC day or a time. */
export const formatDay = (when: When) =>
  dayOfMonth.format(
    typeof when === "string" && /^\d{4}-\d{2}-\d{2}$/.test(when) ? new Date(`${when}T00:00:00Z`) : toDate(when),
  );

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 31_536_000],
  ["month", 2_592_000],
  ["week", 604_800],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

/** "3 hours ago", "in 2 days", "just now": a time relative to `now`. */
export function formatRelative(when: When, now = Date.now()): string {
  const seconds = Math.round((toDate(when).getTime() - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return Math.abs(seconds) < 45 ? "just now" : relative.format(seconds, "second");
}
