import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/db";
import { auth } from "./index";
import { type Viewer, viewerOfSession } from "./viewer";

export type { Viewer } from "./viewer";
export const TENANT_COOKIE = "gh_tenant";

/**
 * The signed-in user of this request, loaded fresh from the database on every request, while the
 * session is live (see `viewerOfSession`). The active tenant is the `X-Tenant-Id` header, else the session's cookie.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const wanted = (await headers()).get("x-tenant-id") ?? (await cookies()).get(TENANT_COOKIE)?.value;
  const token = { userId, sessionVersion: session.sessionVersion, sessionId: session.sessionId };
  return viewerOfSession(await db(), token, wanted);
});

export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  return viewer;
}

/**
 * Switches the session's active tenant to one the viewer may act in; null when they may not
 * (an unknown tenant and another's answer alike).
 */
export async function switchActiveTenant(viewer: Viewer, tenantId: string) {
  const tenant = viewer.tenants.find((t) => t.id === tenantId);
  if (!tenant) return null;
  (await cookies()).set(TENANT_COOKIE, tenant.id, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
  });
  return tenant;
}
