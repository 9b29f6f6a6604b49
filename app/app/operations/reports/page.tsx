import type { Metadata } from "next";
import { FieldReports } from "@/components/demo/field-reports";
import { DemoNote } from "@/components/demo/format";
import { UpgradePanel } from "@/components/demo/upgrade-panel";
import { PageHeader } from "@/components/ui/page-header";
import { appPage } from "@/lib/demo/app-page";
import { consumptionByMonth, fcoReport, rdgReport } from "@/lib/demo/reports";

export const metadata: Metadata = { title: "Field reports" };

export default async function FieldReportsPage() {
  const page = await appPage("reports.rdg.view");
  if (page.kind === "upgrade") return <UpgradePanel feature="Field reports" {...page} />;
  const data = {
    rdg: page.can("reports.rdg.view") ? rdgReport() : undefined,
    analysis: page.can("reports.analysis.view") ? consumptionByMonth() : undefined,
    fco: page.can("reports.fco.view") ? fcoReport() : undefined,
  };
  return (
    <>
      <PageHeader title={<>Field reports <DemoNote /></>} description="Each report is a permission of its own; so is exporting one." />
      <FieldReports data={data} />
    </>
  );
}
