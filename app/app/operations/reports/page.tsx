import type { Metadata } from "next";
import { AppPageHeader } from "@/components/demo/app-page-header";
import { FieldReports } from "@/components/demo/field-reports";
import { DemoNote } from "@/components/demo/format";
import { NoAccessPanel } from "@/components/demo/no-access-panel";
import { UpgradePanel } from "@/components/demo/upgrade-panel";
import { appPageAny } from "@/lib/demo/app-page";
import { consumptionByMonth, fcoReport, REPORT_VIEWS, rdgReport } from "@/lib/demo/reports";

export const metadata: Metadata = { title: "Field reports" };

/** Open to holders of any report; each report's data is sent only to holders of its own permission. */
export default async function FieldReportsPage() {
  const page = await appPageAny(REPORT_VIEWS);
  if (page.kind === "upgrade") return <UpgradePanel feature="Field reports" {...page} />;
  if (page.kind === "denied") return <NoAccessPanel feature="Field reports" anyOf={page.anyOf} />;
  const data = {
    rdg: page.can("reports.rdg.view") ? rdgReport() : undefined,
    analysis: page.can("reports.analysis.view") ? consumptionByMonth() : undefined,
    fco: page.can("reports.fco.view") ? fcoReport() : undefined,
  };
  return (
    <>
      <AppPageHeader
        title={
          <>
            Field reports <DemoNote />
          </>
        }
        description="Each report is a permission of its own; so is exporting one."
        legend
      />
      <FieldReports data={data} />
    </>
  );
}
