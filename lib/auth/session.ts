import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/db";
import { auth } from "./index";
import { type Viewer, resolveViewer } from "./viewer";

export type { Viewer } from "./viewer";
export const TENANT_COOKIE = "gh_tenant";

/**
 * The signed-in user of this request, loaded fresh from the database on every request (see
 * `resolveViewer`). The active tenant is the `X-Tenant-Id` header, else the session's cookie.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const wanted = (await headers()).get("x-tenant-id") ?? (await cookies()).get(TENANT_COOKIE)?.value;
  return resolveViewer(await db(), { userId, sessionVersion: session.sessionVersion }, wanted);
});

export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  return viewer;
}
