import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AppPageHeader } from "@/components/demo/app-page-header";
import { DemoNote, StatusBadge } from "@/components/demo/format";
import { NoAccessPanel } from "@/components/demo/no-access-panel";
import { SiteActions, SiteDetailView } from "@/components/demo/site-detail";
import { UpgradePanel } from "@/components/demo/upgrade-panel";
import { appPage } from "@/lib/demo/app-page";
import { siteDetailFor } from "@/lib/demo/site-detail";
import { findSite } from "@/lib/demo/sites";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: findSite((await params).id)?.name ?? "Site" };
}

/** A site: the server strips every field and tab the viewer may not see before it renders. */
export default async function SitePage({ params }: { params: Promise<{ id: string }> }) {
  const page = await appPage("sites.detail.view");
  if (page.kind === "upgrade") return <UpgradePanel feature="Sites" {...page} />;
  if (page.kind === "denied") return <NoAccessPanel feature="Sites" anyOf={page.anyOf} />;
  const site = findSite((await params).id);
  if (!site) notFound();
  const detail = siteDetailFor(site, page.can);
  return (
    <>
      <AppPageHeader
        crumbs={[{ href: "/app/sites", label: "Sites" }]}
        current={site.name}
        legend
        title={
          <span className="inline-flex flex-wrap items-center gap-2">
            {site.name} <StatusBadge value={site.status} /> <DemoNote />
          </span>
        }
        description={<span className="font-mono">{site.id}</span>}
        actions={<SiteActions site={detail} />}
      />
      <SiteDetailView site={detail} />
    </>
  );
}
