import { AdminMobileNav, AdminNav } from "@/components/admin/admin-nav";
import { QueryProvider } from "@/components/providers/query-provider";
import { TopBar } from "@/components/shell/top-bar";
import { CONSOLE_PERMISSION, visibleSections } from "@/lib/admin/sections";
import { can, requirePagePermission } from "@/lib/auth/authorize";

/**
 * The console's frame: the top bar and a sidebar listing only the sections the viewer may open.
 * Each page still guards itself on the server (a layout does not re-run on client navigation).
 */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requirePagePermission(CONSOLE_PERMISSION);
  const visible = await visibleSections((code) => can(viewer, code), viewer.user.isSuperAdmin);
  const nav = {
    sections: visible,
    tenantName: viewer.tenant?.name ?? "No tenant",
    planName: viewer.tenant?.planName ?? null,
  };
  return (
    <QueryProvider>
      <div className="min-h-dvh">
        <TopBar viewer={viewer} wide menu={<AdminMobileNav {...nav} />} />
        <div className="mx-auto flex max-w-[1600px] gap-6 px-4 sm:px-6">
          <AdminNav {...nav} />
          <main id="main" className="min-w-0 flex-1 py-6">
            {children}
          </main>
        </div>
      </div>
    </QueryProvider>
  );
}
