import { currentPermVersion } from "@/db/queries/perm-version";
import type { Db } from "@/db/client";
import { type Principal, tenantOf } from "@/lib/api/route";

/**
 * `min_perm_version` asks for a decision on state at least that fresh (DESIGN §3.4): a version the
 * tenant has reached forces a reload where the cache is older. A version it has not reached (yet)
 * cannot be waited for: the check is decided on the freshest state, whose `perm_version` in the
 * answer tells the caller it is still behind what they asked for.
 */
export async function reachableMinVersion<T extends { min_perm_version?: number }>(db: Db, principal: Principal, body: T): Promise<T> {
  if (body.min_perm_version === undefined) return body;
  const current = await currentPermVersion(db, tenantOf(principal));
  return current === null || body.min_perm_version <= current ? body : { ...body, min_perm_version: current };
}
