import "server-only";
import { getDatabase } from "@/db";
import { addCheckStats } from "@/db/queries/check-stats";
import type { Viewer } from "@/lib/auth/session";
import { PermissionCache } from "./cache";
import { drainCheckCounters } from "./stats";
import type { DecisionContext } from "./types";

/**
 * The process's permission cache (on globalThis: Next.js may evaluate this module in several
 * bundles of one process, and they must share one cache and one LISTEN).
 */
const KEY = Symbol.for("gatehouse.permission-cache");
type Holder = { [KEY]?: Promise<PermissionCache> };

export function permissionCache(): Promise<PermissionCache> {
  const g = globalThis as Holder;
  g[KEY] ??= getDatabase().then((database) => {
    const cache = new PermissionCache(database);
    void cache.listen().catch((error: unknown) => console.error("permission cache: LISTEN failed", error));
    // Check counters live in memory and reach the database every 15 s (§5), never a row per check.
    setInterval(() => {
      const batch = drainCheckCounters();
      void addCheckStats(database.db, batch).catch((error: unknown) =>
        console.error("check stats: flush failed", error),
      );
    }, 15_000).unref();
    return cache;
  });
  return g[KEY];
}

export async function compiledTenant(tenantId: string, minVersion?: number) {
  return (await permissionCache()).get(tenantId, minVersion);
}

/** Decides for the signed-in viewer in their active tenant; no tenant = denied. */
export async function viewerCan(viewer: Viewer, code: string, context?: DecisionContext): Promise<boolean> {
  if (!viewer.tenant) return false;
  const compiled = await compiledTenant(viewer.tenant.id);
  return compiled?.decide(viewer.user.id, code, context).granted ?? false;
}

export async function viewerEffectivePermissions(viewer: Viewer): Promise<{ codes: string[]; permVersion: number }> {
  if (!viewer.tenant) return { codes: [], permVersion: 0 };
  const compiled = await compiledTenant(viewer.tenant.id);
  if (!compiled) return { codes: [], permVersion: 0 };
  return { codes: compiled.effectivePermissions(viewer.user.id).codes, permVersion: compiled.permVersion };
}
