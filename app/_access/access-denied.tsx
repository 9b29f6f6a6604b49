import { ArrowLeft, LogOut, ShieldX } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { TopBar } from "@/components/shell/top-bar";
import { Button } from "@/components/ui/button";
import { StatusPanel } from "@/components/ui/status-panel";
import { can } from "@/lib/auth/authorize";
import { getViewer } from "@/lib/auth/session";

/**
 * What a refused viewer sees (app/forbidden.tsx):
 * why, in the product's words, and a way on: back to the console when the viewer may open it, else
 * to the app, and signing out (the viewer may simply be signed in as the wrong person).
 */
export async function AccessDenied({ reason, consoleDenied = false }: { reason: ReactNode; consoleDenied?: boolean }) {
  const viewer = await getViewer();
  const mayOpenConsole = viewer && !consoleDenied ? await can(viewer, "gatehouse.console") : false;
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
      <p data-testid="forbidden-reason">{reason}</p>
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
