import { demoResult, emptyBody, plainAction } from "@/lib/demo/actions";
import { siteRows } from "@/lib/demo/sites";

/** Export the sites list as CSV (the columns of the list: no guarded field). */
export const POST = plainAction("sites.list.export_button", emptyBody, () => {
  const rows = siteRows();
  const csv = [
    "id,name,city,region,status,meter_type,last_reading_kwh,last_read_at",
    ...rows.map((r) =>
      [r.id, r.name, r.city, r.region, r.status, r.meterType, r.lastReadingKwh, r.lastReadAt]
        .map((v) => `"${String(v).replace(/"/g, '""')}"`)
        .join(","),
    ),
  ].join("\n");
  return demoResult(`Exported ${rows.length} sites.`, { filename: "sites.csv", csv });
});
