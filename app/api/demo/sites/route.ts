import { z } from "zod";
import { route } from "@/lib/api/route";
import { authorize } from "@/lib/auth/authorize";
import { demoResult, plainAction } from "@/lib/demo/actions";
import { filterSites, isAdvancedFilter, METER_TYPES, REGIONS, SITE_STATUSES, siteRows } from "@/lib/demo/sites";

const newSite = z
  .object({
    name: z.string().trim().min(2, "At least 2 characters").max(120),
    city: z.string().trim().min(2, "At least 2 characters").max(80),
  })
  .strict();

const filter = z
  .object({
    q: z.string().max(100).optional(),
    status: z.enum(SITE_STATUSES).optional(),
    region: z.enum(REGIONS).optional(),
    meter_type: z.enum(METER_TYPES).optional(),
  })
  .strict();

/**
 * The sites list, filtered. Search and status are for anyone who may view the list; region and
 * meter type are the advanced filters, refused (403 problem+json) without sites.list.filter_advanced
 * — the browser's disabled button is not the gate.
 */
export const GET = route(
  { scope: "read", permission: "sites.list.view", keys: false, query: filter },
  async ({ ctx: { principal }, query }) => {
    const f = { q: query.q, status: query.status, region: query.region, meterType: query.meter_type };
    if (isAdvancedFilter(f)) await authorize(principal, "sites.list.filter_advanced");
    const rows = filterSites(siteRows(), f);
    return { data: rows, total: rows.length };
  },
);

/** Add a site (demo: nothing is stored). */
export const POST = plainAction("sites.list.add_button", newSite, (b) =>
  demoResult(`Site “${b.name}” in ${b.city} added.`),
);
