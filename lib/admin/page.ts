import "server-only";
import { type DataTag, dehydrate, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { forbidden, notFound } from "next/navigation";
import { db } from "@/db";
import type { Db } from "@/db/client";
import { can, requirePagePermission } from "@/lib/auth/authorize";
import { type Principal, userPrincipal } from "@/lib/auth/principal";
import type { Viewer } from "@/lib/auth/session";
import { ApiError } from "@/lib/errors";
import type { GatehouseCode } from "@/lib/permissions/gatehouse-codes";
import { makeQueryClient } from "@/lib/query/client";
import { NO_REQUEST, type ServiceContext } from "@/lib/services/context";

export interface AdminPage {
  viewer: Viewer;
  principal: Principal;
  db: Db;
  /** The context the services take (a page read records no request). */
  ctx: ServiceContext;
  qc: QueryClient;
  /** Whether the viewer holds `code` (decided by the engine) — to show only what they may do. */
  can: (code: GatehouseCode) => Promise<boolean>;
  /**
   * Runs a read service and seeds its answer under the key of the client's `queryOptions` for the
   * same read (lib/query/*), exactly as it would arrive over HTTP (dates as strings). A 404 from
   * the service is the page's 404; a 403 is app/forbidden.tsx.
   */
  seed: <T>(query: { queryKey: DataTag<QueryKey, T, unknown> }, read: () => Promise<unknown>) => Promise<T>;
  /** The seeded cache, for `<HydrationBoundary state={page.state()}>`. */
  state: () => ReturnType<typeof dehydrate>;
}

/**
 * Every admin page starts here: the server-side guard (engine decision, else `forbidden()`: a 403
 * rendered by app/forbidden.tsx at this address), the principal the services expect, and a
 * QueryClient to prefetch into.
 */
export async function adminPage(permission: GatehouseCode): Promise<AdminPage> {
  const viewer = await requirePagePermission(permission);
  const principal = userPrincipal(viewer);
  const database = await db();
  const qc = makeQueryClient();
  return {
    viewer,
    principal,
    db: database,
    ctx: { db: database, principal, meta: NO_REQUEST },
    qc,
    can: (code) => can(viewer, code),
    seed: async <T>(query: { queryKey: DataTag<QueryKey, T, unknown> }, read: () => Promise<unknown>) => {
      let data: T;
      try {
        data = JSON.parse(JSON.stringify(await read()));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) notFound();
        if (error instanceof ApiError && error.status === 403) forbidden();
        throw error;
      }
      qc.setQueryData(query.queryKey, data);
      return data;
    },
    state: () => dehydrate(qc),
  };
}

/** Platform pages (plans, tenants): super-admins only; everyone else gets a 403. */
export async function superAdminPage(): Promise<AdminPage> {
  const page = await adminPage("gatehouse.console");
  if (!page.viewer.user.isSuperAdmin) forbidden();
  return page;
}
