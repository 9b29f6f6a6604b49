"use client";

import { Eye } from "lucide-react";
import { StepUpProvider } from "@/components/mfa/step-up";
import { PermissionProvider, type PermissionProviderProps } from "@/components/permissions/permission-provider";
import { useHydrated } from "@/components/shell/use-hydrated";
import type { LockedMenuItem, MyMenus } from "@/lib/query/me";
import { AppLinksProvider } from "./app-links";
import { appHref } from "./routes";
import { SidebarNav } from "./sidebar-nav";

/**
 * The admin's "preview as user": the product's own sidebar and pages, rendered with another
 * user's effective set (decided on the server), read-only — no session switch, nothing fetched
 * as them, every action disabled. Links stay inside the preview.
 */
export function PreviewFrame({
  subject,
  base,
  path,
  menus,
  locked,
  permissions,
  children,
}: {
  subject: string;
  base: string;
  path: string;
  menus: MyMenus;
  locked: LockedMenuItem[];
  permissions: Omit<PermissionProviderProps, "children" | "readOnly" | "subject">;
  children: React.ReactNode;
}) {
  const hydrated = useHydrated();
  return (
    <PermissionProvider {...permissions} readOnly subject={subject}>
      <StepUpProvider>
        <AppLinksProvider previewBase={base}>
          <div
            role="status"
            className="mb-4 flex items-center gap-2 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200"
            data-testid="preview-banner"
          >
            <Eye className="size-4 shrink-0" aria-hidden />
            <span>
              <strong>Previewing as {subject} — read-only.</strong> Their sidebar, tabs, buttons and fields as Gatehouse
              decides them at perm_version {permissions.permVersion}. Nothing can be done from here, and you stay signed
              in as yourself.
            </span>
          </div>
          <div
            className="flex min-h-[70dvh] overflow-hidden rounded-xl bg-slate-50 ring-1 ring-slate-200"
            data-hydrated={hydrated || undefined}
          >
            <div className="w-60 shrink-0 border-r border-slate-200 bg-white py-5">
              <SidebarNav
                menus={menus}
                locked={locked}
                activePath={appHref(path)}
                label={`${subject}’s sidebar`}
                header={
                  <p className="mb-4 px-3 text-xs font-medium uppercase tracking-wide text-slate-500">
                    {subject}’s sidebar
                  </p>
                }
              />
            </div>
            <div className="min-w-0 flex-1 p-6" data-testid="preview-content">
              {children}
            </div>
          </div>
        </AppLinksProvider>
      </StepUpProvider>
    </PermissionProvider>
  );
}
