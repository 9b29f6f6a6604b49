"use client";
import { cn } from "@/lib/utils";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 31_536_000],
  ["month", 2_592_000],
  ["week", 604_800],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];
const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "3 hours ago" for a time in the past or future, relative to now. */
export function relativeTime(date: Date, now = Date.now()): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  return Math.abs(seconds) < 45 ? "just now" : rtf.format(seconds, "second");
}

/**
 * A time as people say it ("5 minutes ago"), the exact local time on hover. Server and browser
 * disagree on "now" and time zones, so the rendered text is allowed to differ at hydration.
 */
export function TimeAgo({ iso, className }: { iso: string; className?: string }) {
  const date = new Date(iso);
  return (
    <time
      dateTime={iso}
      title={date.toLocaleString()}
      className={cn("whitespace-nowrap", className)}
      suppressHydrationWarning
    >
      {relativeTime(date)}
    </time>
  );
}
