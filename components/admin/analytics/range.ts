export const RANGES = [7, 14, 30] as const;
export type RangeDays = (typeof RANGES)[number];
export const parseRange = (v: string | string[] | undefined): RangeDays => RANGES.find((r) => String(r) === v) ?? 30;

const DAY = 86_400_000;

/** The UTC days of a range ending `today` (inclusive), oldest first. */
export function rangeDays(today: string, days: RangeDays): string[] {
  const end = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(end - (days - 1 - i) * DAY).toISOString().slice(0, 10));
}

/** The query params of the whole range, and of one day (the series over time asks day by day). */
export const rangeParams = (today: string, days: RangeDays) => ({ from: rangeDays(today, days)[0]!, to: today });
export const dayParams = (day: string) => ({ from: day, to: day });
