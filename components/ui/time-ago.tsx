import { formatDateTime, formatRelative } from "@/lib/format/dates";
import { cn } from "@/lib/utils";

/**
 * A time as people say it ("5 minutes ago"), the exact UTC time on hover. Server and browser
 * disagree on "now" (the relative words may move on between them), so the text may differ at
 * hydration; the title is the same string on both.
 */
export function TimeAgo({ iso, className }: { iso: string; className?: string }) {
  return (
    <time
      dateTime={iso}
      title={`${formatDateTime(iso)} UTC`}
      className={cn("whitespace-nowrap", className)}
      suppressHydrationWarning
    >
      {formatRelative(iso)}
    </time>
  );
}
