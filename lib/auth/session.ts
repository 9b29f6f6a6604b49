import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/db";
import { findUserById, tenantsOfUser } from "@/db/queries/users";
import { auth } from "./index";

export const TENANT_COOKIE = "gh_tenant";

export interface Viewer {
  user: { id: string; email: string; name: string; isSuperAdmin: boolean; totpEnabled: boolean };
  tenant: { id: string; name: string; slug: string; planId: string | null; planName: string | null } | null;
  tenants: { id: string; name: string; slug: string }[];
}

/**
 * The signed-in user of this request, loaded fresh from the database: a disabled user, a bumped
 * session version or a lost membership takes effect on the next request. The active tenant is the
 * `X-Tenant-Id` header when the user may act there, else the session's cookie, else the first one.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const database = await db();
  const user = await findUserById(database, userId);
  if (!user || user.status !== "active") return null;
  if (session.sessionVersion !== user.sessionVersion) return null;
  const tenants = await tenantsOfUser(database, user);
  const wanted = (await headers()).get("x-tenant-id") ?? (await cookies()).get(TENANT_COOKIE)?.value;
  const tenant = tenants.find((t) => t.id === wanted) ?? tenants[0] ?? null;
  return {
    user: { id: user.id, email: user.email, name: user.name, isSuperAdmin: user.isSuperAdmin, totpEnabled: !!user.totpEnabledAt },
    tenant: tenant && { id: tenant.id, name: tenant.name, slug: tenant.slug, planId: tenant.planId, planName: tenant.planName },
    tenants: tenants.map(({ id, name, slug }) => ({ id, name, slug })),
  };
});

export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  return viewer;
}
