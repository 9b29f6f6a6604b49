import { Building2 } from "lucide-react";
import type { Metadata } from "next";
import { PageLegendProvider } from "@/components/demo/page-legend";
import { StepUpProvider } from "@/components/mfa/step-up";
import { PermissionProvider } from "@/components/permissions/permission-provider";
import { AppSidebar } from "@/components/product/app-sidebar";
import { MobileNav } from "@/components/product/mobile-nav";
import { QueryProvider } from "@/components/providers/query-provider";
import { TopBar } from "@/components/shell/top-bar";
import { EmptyState } from "@/components/ui/empty-state";
import { db } from "@/db";
import { userPrincipal } from "@/lib/auth/principal";
import { requireViewer } from "@/lib/auth/session";
import { navigationFor } from "@/lib/demo/navigation";
import { tenantDecisions } from "@/lib/permissions/server";
import type { MyMenus } from "@/lib/query/me";
import { NO_REQUEST } from "@/lib/services/context";
import { getMyMenus, getMyPermissionMap, getMyPermissions } from "@/lib/services/me";

export const metadata: Metadata = { title: { default: "Workspace", template: "%s · Workspace" } };

/**
 * The product's frame. The server decides the viewer's effective set, menus and permission map
 * and seeds the PermissionProvider with them, so the first paint already matches the user's
 * rights; the provider keeps them fresh (live updates), and each page guards itself again.
 */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireViewer();
  const tenant = viewer.tenant;
  const compiled = tenant ? await tenantDecisions(tenant.id, [viewer.user.id]) : null;
  if (!tenant || !compiled) {
    return (
      <div className="min-h-dvh">
        <TopBar viewer={viewer} wide />
        <main className="mx-auto max-w-xl py-16">
          <EmptyState
            icon={Building2}
            title="No organization yet"
            description="You are not a member of any tenant. Ask an administrator to add you."
          />
        </main>
      </div>
    );
  }
  const database = await db();
  const ctx = { db: database, principal: userPrincipal(viewer), meta: NO_REQUEST };
  const [permissions, map, menus, nav] = await Promise.all([
    getMyPermissions(ctx),
    getMyPermissionMap(ctx),
    getMyMenus(ctx),
    navigationFor(database, compiled, viewer.user.id, null),
  ]);
  const navigation = {
    tenantId: tenant.id,
    tenantName: tenant.name,
    initialMenus: JSON.parse(JSON.stringify(menus)) as MyMenus,
    locked: nav.locked,
  };
  // Keyed by tenant: a tenant switch starts a fresh provider and a fresh stream (the stream follows the session's tenant).
  return (
    <QueryProvider>
      <PermissionProvider
        key={tenant.id}
        tenantId={tenant.id}
        codes={permissions.codes}
        permVersion={permissions.perm_version}
        map={map}
        requiresMfa={permissions.requires_mfa}
      >
        <StepUpProvider>
          <PageLegendProvider>
            <div className="min-h-dvh">
              <TopBar viewer={viewer} wide menu={<MobileNav {...navigation} />} />
              <div className="mx-auto flex max-w-[1600px] gap-6 px-4 sm:px-6">
                <AppSidebar {...navigation} />
                <main id="main" className="min-w-0 flex-1 py-6">
                  {children}
                </main>
              </div>
            </div>
          </PageLegendProvider>
        </StepUpProvider>
      </PermissionProvider>
    </QueryProvider>
  );
}
