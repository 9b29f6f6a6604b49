import "server-only";
import { getDatabase } from "@/db";
import type { Db } from "@/db/client";
import { addCheckStats } from "@/db/queries/check-stats";
import { addUserCheckStats, insertDecisions, purgeDecisions } from "@/db/queries/decisions";
import { snapshotRoleMembers } from "@/db/queries/role-members";
import type { MaybePromise } from "@/lib/maybe-promise";
import { singletonAsync, singletonNow } from "@/lib/singleton";
import { PermissionCache } from "./cache";
import { type DecisionRecord, decisionLogSettings, flushDecisionLog, setDecisionWriter } from "./decision-log";
import type { CompiledTenant } from "./engine";
import { drainCheckCounters, drainUserCheckCounters } from "./stats";

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
        const users = drainUserCheckCounters();
        void addUserCheckStats(database.db, users).catch((error: unknown) =>
          console.error("user check stats: flush failed", error),
        );
      }, 15_000).unref();
      startDecisionLog(database.db);
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

const HOUR = 3_600_000;

/**
 * The decision log's writer and its two timers (docs/design.md §5.4): the buffer is written every
 * few seconds (and when large, lib/permissions/decision-log.ts), and decisions older than the
 * retention are deleted every hour (and once at start).
 */
function startDecisionLog(db: Db) {
  const settings = decisionLogSettings();
  setDecisionWriter((batch: DecisionRecord[]) => insertDecisions(db, batch));
  setInterval(() => void flushDecisionLog(), settings.flushEveryMs).unref();
  const purge = () =>
    void purgeDecisions(db, new Date(Date.now() - settings.retentionDays * 86_400_000)).catch((error: unknown) =>
      console.error("decision log: retention purge failed", error),
    );
  setTimeout(purge, 60_000).unref();
  setInterval(purge, HOUR).unref();
  // Members per role per day (db/schema/stats.ts, roleMemberDays): today's row, counted again at
  // 30 s before each hour's end (once at start too), so a day keeps its count at 23:59:30 UTC.
  // Every instance may write it: the same count, upserted.
  const snapshot = () =>
    void snapshotRoleMembers(db, new Date().toISOString().slice(0, 10)).catch((error: unknown) =>
      console.error("role members: snapshot failed", error),
    );
  setTimeout(snapshot, 60_000).unref();
  const untilHourEnd = HOUR - (Date.now() % HOUR) - 30_000;
  setTimeout(
    () => {
      snapshot();
      setInterval(snapshot, HOUR).unref();
    },
    untilHourEnd > 0 ? untilHourEnd : untilHourEnd + HOUR,
  ).unref();
}
