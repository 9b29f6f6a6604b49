import { daysAgo, int, pick, random } from "./random";
import { demoSites } from "./sites";

export interface RdgRow {
  siteId: string;
  siteName: string;
  expectedKwh: number;
  readKwh: number;
  gapPct: number;
  flagged: string;
}
export interface FcoRow {
  ref: string;
  siteName: string;
  date: string;
  reason: string;
  cost: number;
}

/** Reading-discrepancy (RDG) report: expected vs read consumption per site. */
export function rdgReport(): RdgRow[] {
  return demoSites()
    .slice(0, 12)
    .map((s) => {
      const r = random(`rdg-${s.id}`);
      const expected = int(r, 2_000, 12_000);
      const read = Math.round(expected * (0.7 + r() * 0.6));
      return {
        siteId: s.id,
        siteName: s.name,
        expectedKwh: expected,
        readKwh: read,
        gapPct: Math.round(((read - expected) / expected) * 1000) / 10,
        flagged: daysAgo(int(r, 0, 30)),
      };
    });
}

/** Monthly consumption across every site (analysis). */
export function consumptionByMonth(): { month: string; kwh: number }[] {
  const months = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"];
  return months.map((month, i) => ({ month, kwh: demoSites().reduce((sum, s) => sum + (s.consumption[i] ?? 0), 0) }));
}

/** Field call-outs (FCO): visits charged to the customer. */
export function fcoReport(): FcoRow[] {
  const r = random("fco");
  const sites = demoSites();
  return Array.from({ length: 8 }, (_, i) => ({
    ref: `FCO-${3100 + i}`,
    siteName: pick(r, sites).name,
    date: daysAgo(int(r, 0, 60)),
    reason: pick(r, ["No access", "Customer-caused damage", "Out-of-hours emergency", "Wasted visit"]),
    cost: int(r, 60, 420),
  }));
}

/** The report views: the field reports page opens for any one of them. */
export const REPORT_VIEWS = ["reports.rdg.view", "reports.analysis.view", "reports.fco.view"] as const;

export interface AnalysisStats {
  meanKwh: number;
  peak: { month: string; kwh: number };
  winterUpliftPct: number;
}

/** Advanced analysis (reports.analysis.advanced): computed on the server, sent only to holders. */
export function analysisStats(): AnalysisStats {
  const months = consumptionByMonth();
  const mean = months.reduce((s, m) => s + m.kwh, 0) / months.length;
  const peak = months.reduce((a, b) => (b.kwh > a.kwh ? b : a));
  return { meanKwh: Math.round(mean), peak, winterUpliftPct: Math.round(((peak.kwh - mean) / mean) * 100) };
}
