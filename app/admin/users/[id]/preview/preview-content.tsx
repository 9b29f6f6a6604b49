import "server-only";
import { ShieldX } from "lucide-react";
import { Dashboard } from "@/components/demo/dashboard";
import { ErpList } from "@/components/demo/erp-list";
import { FieldReports } from "@/components/demo/field-reports";
import { JobsBoard } from "@/components/demo/jobs-board";
import { SiteActions, SiteDetailView } from "@/components/demo/site-detail";
import { SitesList } from "@/components/demo/sites-list";
import { UpgradePanel } from "@/components/demo/upgrade-panel";
import { WorkspaceHome } from "@/components/demo/workspace-home";
import type { Db } from "@/db/client";
import { cheapestPlan } from "@/lib/demo/app-page";
import { dashboardFor } from "@/lib/demo/dashboard";
import { erpList, moneyColumns } from "@/lib/demo/erp";
import { demoJobs } from "@/lib/demo/jobs";
import { menuItemByRoute } from "@/lib/demo/navigation";
import { consumptionByMonth, fcoReport, rdgReport } from "@/lib/demo/reports";
import { siteDetailFor } from "@/lib/demo/site-detail";
import { findSite, METER_TYPES, REGIONS, siteRows } from "@/lib/demo/sites";
import type { CompiledTenant } from "@/lib/permissions/engine";
import type { MyMenus } from "@/lib/query/me";

interface Props {
  db: Db;
  compiled: CompiledTenant;
  userId: string;
  subject: string;
  path: string;
  menus: MyMenus;
  currentPlan: string | null;
}

/**
 * The product page at `path`, as the previewed user would get it: the same guard decision (their
 * 403 or upgrade page), the same server-side stripping of fields and tabs, the same components.
 */
export async function PreviewContent({ db, compiled, userId, subject, path, menus, currentPlan }: Props) {
  const can = (code: string) => compiled.decide(userId, code).granted;
  const guard = async (code: string, title: string, render: () => React.ReactNode) => {
    const d = compiled.decide(userId, code);
    if (d.granted)
      return (
        <>
          <h2 className="mb-4 text-xl font-semibold tracking-tight">{title}</h2>
          {render()}
        </>
      );
    if (d.reason === "plan" && d.via?.kind === "plan")
      return (
        <UpgradePanel feature={title} code={code} plan={await cheapestPlan(d.via.plans)} currentPlan={currentPlan} />
      );
    return (
      <div className="mx-auto mt-10 max-w-md text-center">
        <ShieldX className="mx-auto size-8 text-red-500" aria-hidden />
        <p className="mt-3 font-medium">{subject} would get the 403 page here</p>
        <p className="mt-1 text-sm text-slate-500">
          {title} requires <code className="rounded bg-slate-100 px-1 font-mono">{code}</code>.
        </p>
      </div>
    );
  };

  if (path === "/dashboard" || path === "/") {
    if (!can("dashboard.module.root"))
      return (
        <>
          <h2 className="mb-4 text-xl font-semibold tracking-tight">{subject}’s home</h2>
          <WorkspaceHome menus={menus} />
        </>
      );
    return guard("dashboard.module.root", "Dashboard", () => <Dashboard data={dashboardFor(can)} actions />);
  }
  if (path === "/sites")
    return guard("sites.list.view", "Sites", () => (
      <SitesList rows={siteRows()} regions={REGIONS} meterTypes={METER_TYPES} />
    ));
  const siteId = /^\/sites\/([^/]+)$/.exec(path)?.[1];
  if (siteId) {
    const site = findSite(siteId);
    if (!site) return <p className="text-sm text-slate-500">No such site.</p>;
    const detail = siteDetailFor(site, can);
    return guard("sites.detail.view", site.name, () => (
      <>
        <div className="mb-4 flex flex-wrap gap-2">
          <SiteActions site={detail} />
        </div>
        <SiteDetailView site={detail} />
      </>
    ));
  }
  if (path === "/jobs") return guard("jobs.list.view", "Jobs", () => <JobsBoard jobs={demoJobs()} />);
  if (path === "/operations/reports") {
    return guard("reports.rdg.view", "Field reports", () => (
      <FieldReports
        data={{
          rdg: can("reports.rdg.view") ? rdgReport() : undefined,
          analysis: can("reports.analysis.view") ? consumptionByMonth() : undefined,
          fco: can("reports.fco.view") ? fcoReport() : undefined,
        }}
      />
    ));
  }
  const item = await menuItemByRoute(db, path);
  if (!item?.permissionCode || !item.resource)
    return <p className="text-sm text-slate-500">No page of the product lives at {path}.</p>;
  const list = erpList(item.resource);
  return guard(item.permissionCode, item.name, () => (
    <ErpList
      name={item.name}
      resource={item.resource!}
      noun={list.noun}
      columns={list.columns}
      rows={list.rows}
      money={[...moneyColumns(item.resource!)]}
    />
  ));
}
