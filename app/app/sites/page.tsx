import type { Metadata } from "next";
import { AppPageHeader } from "@/components/demo/app-page-header";
import { DemoNote } from "@/components/demo/format";
import { NoAccessPanel } from "@/components/demo/no-access-panel";
import { SitesList } from "@/components/demo/sites-list";
import { UpgradePanel } from "@/components/demo/upgrade-panel";
import { appPage } from "@/lib/demo/app-page";
import { METER_TYPES, REGIONS, siteRows } from "@/lib/demo/sites";

export const metadata: Metadata = { title: "Sites" };

export default async function SitesPage() {
  const page = await appPage("sites.list.view");
  if (page.kind === "upgrade") return <UpgradePanel feature="Sites" {...page} />;
  if (page.kind === "denied") return <NoAccessPanel feature="Sites" anyOf={page.anyOf} />;
  return (
    <>
      <AppPageHeader
        legend
        title={
          <>
            Sites <DemoNote />
          </>
        }
        description="Every site you manage. Buttons you may not use stay visible, disabled, with the permission they need."
      />
      <SitesList rows={siteRows()} regions={REGIONS} meterTypes={METER_TYPES} />
    </>
  );
}
