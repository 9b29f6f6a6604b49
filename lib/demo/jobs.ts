import { daysAhead, int, PEOPLE, pick, random } from "./random";
import { demoSites } from "./sites";

export const JOB_STATUSES = ["open", "scheduled", "in_progress", "done"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface Job {
  id: string;
  siteId: string;
  siteName: string;
  title: string;
  type: string;
  status: JobStatus;
  priority: "low" | "normal" | "high" | "urgent";
  assignee: string | null;
  due: string;
}

const TYPES: [string, string][] = [
  ["Meter exchange", "Replace the meter and commission the new one"],
  ["Inspection", "Annual safety inspection"],
  ["SIM swap", "Swap the communications SIM"],
  ["Fault visit", "Investigate a communications fault"],
  ["Reading check", "Check a disputed reading on site"],
];

let cached: Job[] | null = null;
export function demoJobs(): Job[] {
  if (cached) return cached;
  const sites = demoSites();
  cached = Array.from({ length: 28 }, (_, n) => {
    const r = random(`job-${n}`);
    const site = sites[int(r, 0, sites.length - 1)]!;
    const [type, title] = pick(r, TYPES);
    const status = pick(r, JOB_STATUSES);
    return {
      id: `J-${2001 + n}`,
      siteId: site.id,
      siteName: site.name,
      title: `${title} — ${site.name}`,
      type,
      status,
      priority: pick(r, ["low", "normal", "normal", "high", "urgent"] as const),
      assignee: status === "open" ? null : pick(r, PEOPLE),
      due: daysAhead(int(r, -5, 21)),
    };
  });
  return cached;
}

export const jobsOfSite = (siteId: string) => demoJobs().filter((j) => j.siteId === siteId);
