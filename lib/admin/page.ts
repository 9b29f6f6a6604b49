import "server-only";
import { type DataTag, dehydrate, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { notFound, redirect } from "next/navigation";
import { db } from "@/db";
import type { Db } from "@/db/client";
import { type Principal, userPrincipal } from "@/lib/api/principal";
import { ApiError } from "@/lib/api/problem";
import { requirePermission } from "@/lib/auth/guards";
import type { Viewer } from "@/lib/auth/session";
import type { GatehouseCode } from "@/lib/permissions/gatehouse-codes";
import { viewerCan } from "@/lib/permissions/server";
import { makeQueryClient } from "@/lib/query/client";

export interface AdminPage {
  viewer: Viewer;
  principal: Principal;
  db: Db;
  qc: QueryClient;
  /** Whether the viewer holds `code` (decided by the engine) — to show only what they may do. */
  can: (code: GatehouseCode) => Promise<boolean>;
  /**
   * Runs a read service and seeds its answer under the key of the client's `queryOptions` for the
   * same read (lib/query/*), exactly as it would arrive over HTTP (dates as strings). A 404 from
   * the service is the page's 404; a 403 is the 403 page.
   */
  seed: <T>(query: { queryKey: DataTag<QueryKey, T, unknown> }, read: () => Promise<unknown>) => Promise<T>;
  /** The seeded cache, for `<HydrationBoundary state={page.state()}>`. */
  state: () => ReturnType<typeof dehydrate>;
}

/**
 * Every admin page starts here: the server-side guard (engine decision, else the 403 page),
 * the principal the services expect, and a QueryClient to prefetch into.
 */
export async function adminPage(permission: GatehouseCode): Promise<AdminPage> {
  const viewer = await requirePermission(permission);
  const principal = userPrincipal(viewer);
  const database = await db();
  const qc = makeQueryClient();
  return {
    viewer,
    principal,
    db: database,
    qc,
    can: (code) => viewerCan(viewer, code),
    seed: async <T>(query: { queryKey: DataTag<QueryKey, T, unknown> }, read: () => Promise<unknown>) => {
      let data: T;
      try {
        data = JSON.parse(JSON.stringify(await read()));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) notFound();
        if (error instanceof ApiError && error.status === 403)
          redirect(`/403?permission=${encodeURIComponent(String(error.extra.missing_permission ?? permission))}`);
        throw error;
      }
      qc.setQueryData(query.queryKey, data);
      return data;
    },
    state: () => dehydrate(qc),
  };
}

/** Platform pages (plans, tenants): super-admins only; everyone else gets the 403 page. */
export async function superAdminPage(): Promise<AdminPage> {
  const page = await adminPage("gatehouse.console");
  if (!page.viewer.user.isSuperAdmin) redirect("/403?reason=super-admin");
  return page;
}
