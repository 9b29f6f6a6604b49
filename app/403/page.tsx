import { ArrowLeft, LogOut, ShieldX } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { TopBar } from "@/components/shell/top-bar";
import { Button } from "@/components/ui/button";
import { StatusPanel } from "@/components/ui/status-panel";
import { CONSOLE_PERMISSION } from "@/lib/admin/sections";
import { getViewer } from "@/lib/auth/session";
import { viewerCan } from "@/lib/permissions/server";

export const metadata: Metadata = { title: "Not allowed" };

/** Platform pages are not gated by a permission but by the account flag (DESIGN §1). */
const SUPER_ADMIN = new Set(["super-admin", "platform super-admin"]);

/**
 * The page a guard sends the viewer to. It names what was missing in the product's words, and
 * offers a way on: back to the console when the viewer may open it, else to the app, and signing
 * out (the viewer may simply be signed in as the wrong person).
 */
export default async function ForbiddenPage({
  searchParams,
}: {
  searchParams: Promise<{ permission?: string; reason?: string }>;
}) {
  const { permission, reason } = await searchParams;
  const viewer = await getViewer();
  const superAdminOnly = reason === "super-admin" || (permission !== undefined && SUPER_ADMIN.has(permission));
  const consoleDenied = permission === CONSOLE_PERMISSION;
  const mayOpenConsole = viewer && !consoleDenied ? await viewerCan(viewer, CONSOLE_PERMISSION) : false;
  const back = mayOpenConsole
    ? { href: "/admin", label: "Back to the admin console" }
    : viewer
      ? { href: "/app", label: "Go to the app" }
      : { href: "/", label: "Back to home" };

  const body = (
    <StatusPanel
      icon={ShieldX}
      tone="red"
      title="You don’t have access to this page"
      actions={
        <>
          <Button asChild>
            <Link href={back.href}>
              <ArrowLeft className="size-4" aria-hidden />
              {back.label}
            </Link>
          </Button>
          {viewer && (
            <Button asChild variant="secondary">
              <Link href="/sign-out">
                <LogOut className="size-4" aria-hidden />
                Sign out
              </Link>
            </Button>
          )}
        </>
      }
      footnote={
        viewer ? (
          <>
            Signed in as {viewer.user.email}
            {viewer.tenant ? ` in ${viewer.tenant.name}` : ""}
          </>
        ) : null
      }
    >
      <p data-testid="forbidden-reason">
        {superAdminOnly ? (
          <>
            This page is for platform super-admins, who manage plans and tenants for every organization. Your account is
            not one.
          </>
        ) : permission ? (
          <>
            It requires the permission{" "}
            <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-700">{permission}</code>, which
            your roles do not grant. Ask an administrator of your organization if you need it.
          </>
        ) : (
          <>Your roles do not grant it. Ask an administrator of your organization if you need it.</>
        )}
      </p>
    </StatusPanel>
  );

  if (!viewer)
    return (
      <main id="main" className="grid min-h-dvh place-items-center px-6">
        {body}
      </main>
    );
  return (
    <div className="min-h-dvh">
      <TopBar viewer={viewer} wide />
      <main id="main" className="px-4 py-16 sm:px-6">
        {body}
      </main>
    </div>
  );
}
