import "server-only";
import { getDatabase } from "@/db";
import { addCheckStats } from "@/db/queries/check-stats";
import { singletonAsync } from "@/lib/singleton";
import { PermissionCache } from "./cache";
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

export async function compiledTenant(tenantId: string, minVersion?: number) {
  return (await permissionCache()).get(tenantId, minVersion);
}
