import "server-only";
import { getDatabase } from "@/db";
import { addCheckStats } from "@/db/queries/check-stats";
import type { MaybePromise } from "@/lib/maybe-promise";
import { singletonAsync, singletonNow } from "@/lib/singleton";
import { PermissionCache } from "./cache";
import type { CompiledTenant } from "./engine";
import { drainCheckCounters } from "./stats";

/** The process's permission cache: one per process, with one LISTEN (lib/singleton.ts). */
export function permissionCache(): Promise<PermissionCache> {
  return singletonAsync("permission-cache", () =>
    getDatabase().then((database) => {
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
    }),
  );
}

/**
 * Decisions in a tenant for these users (docs/design.md §5): the tenant's compiled policy and the
 * users' assignments, from memory when fresh, else read (the users in one batch). Only the users
 * named here may be asked about; null ids are skipped. Null: no such tenant.
 */
export function tenantDecisions(
  tenantId: string,
  userIds: readonly (string | null | undefined)[],
  minVersion?: number,
): MaybePromise<CompiledTenant | null> {
  const ids = userIds.filter((id): id is string => typeof id === "string");
  // Held in memory: answered without a promise (lib/maybe-promise.ts), else read.
  const held = singletonNow<PermissionCache>("permission-cache")?.held(tenantId, ids, minVersion);
  return held ?? permissionCache().then((cache) => cache.decisions(tenantId, ids, minVersion));
}
