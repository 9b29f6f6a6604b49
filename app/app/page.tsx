import type { Metadata } from "next";
import { AppPageHeader } from "@/components/demo/app-page-header";
import { Dashboard, DashboardActions } from "@/components/demo/dashboard";
import { DemoNote } from "@/components/demo/format";
import { UpgradePanel } from "@/components/demo/upgrade-panel";
import { WorkspaceHome } from "@/components/demo/workspace-home";
import { db } from "@/db";
import { userPrincipal } from "@/lib/auth/principal";
import { requireViewer } from "@/lib/auth/session";
import { canFor, cheapestPlan } from "@/lib/demo/app-page";
import { dashboardFor } from "@/lib/demo/dashboard";
import { tenantDecisions } from "@/lib/permissions/server";
import type { MyMenus } from "@/lib/query/me";
import { NO_REQUEST } from "@/lib/services/context";
import { getMyMenus } from "@/lib/services/me";

export const metadata: Metadata = { title: "Dashboard" };

/**
 * The product's home: the dashboard for whoever holds dashboard.module.root (each widget its own
 * permission), else the screens their menus open — never a 403 on the landing page.
 */
export default async function AppHome() {
  const viewer = await requireViewer();
  if (!viewer.tenant) return null;
  const compiled = await tenantDecisions(viewer.tenant.id, [viewer.user.id]);
  const decision = compiled?.decide(viewer.user.id, "dashboard.module.root");
  const first = viewer.user.name.split(" ")[0];
  if (decision?.granted) {
    return (
      <>
        <AppPageHeader
          legend
          title={
            <>
              Dashboard <DemoNote />
            </>
          }
          description={`Good morning, ${first}. Each widget below is a permission of its own.`}
          actions={<DashboardActions />}
        />
        <Dashboard data={dashboardFor(canFor(compiled, viewer.user.id))} />
      </>
    );
  }
  const menus = (await getMyMenus({ db: await db(), principal: userPrincipal(viewer), meta: NO_REQUEST })) as MyMenus;
  const locked =
    decision?.reason === "plan" && decision.via?.kind === "plan" ? await cheapestPlan(decision.via.plans) : undefined;
  return (
    <>
      <AppPageHeader
        title={`Welcome, ${first}`}
        description={`${viewer.tenant.name}: what your roles and your plan open for you.`}
      />
      <WorkspaceHome menus={menus} />
      {locked !== undefined && (
        <UpgradePanel
          feature="The dashboard"
          code="dashboard.module.root"
          plan={locked}
          currentPlan={viewer.tenant.planName}
        />
      )}
    </>
  );
}
