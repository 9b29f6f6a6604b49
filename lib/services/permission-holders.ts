import "server-only";
import { findCatalogPermissionByCode } from "@/db/queries/catalog";
import { holderCandidates } from "@/db/queries/holders";
import { authorize } from "@/lib/auth/authorize";
import { tenantOf } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import { selfAndAncestors } from "@/lib/permissions/codes";
import { tenantDecisions } from "@/lib/permissions/server";
import type { Via } from "@/lib/permissions/types";
import { VIEW_PERMISSIONS } from "./catalog";
import type { ServiceContext } from "./context";
import { decodeCursor, encodeCursor, LISTS } from "./paging";

export interface Holder {
  user_id: string;
  email: string;
  name: string;
  source: "role" | "override" | "superadmin";
  via: Via | null;
  /** Granted only under a scope or conditions that were not evaluated (no context, DESIGN §3.6). */
  conditional: boolean;
}

/** Candidates read per statement, and statements per request: a page never reads more than this. */
const BATCH = 200;
const MAX_BATCHES = 5;

/**
 * "Who can do this?" (`GET /permissions/{code}/holders`): the members for whom `code` is effective
 * (decided without a context), by name, each with the rule that grants it. The engine names the
 * roles that grant the code; the database pages through the members who hold one of them, an
 * allow override on the code or an ancestor, or super-admin — never every member at once — and
 * each candidate is decided on their own assignments (docs/design.md §5), so expired roles,
 * disabled members, deny overrides, the plan and missing dependencies are all accounted for. A
 * page may hold fewer than `limit` holders with a next cursor when many candidates were not.
 */
export async function permissionHolders(ctx: ServiceContext, code: string, q: { limit: number; cursor?: string }) {
  const { db, principal } = ctx;
  await authorize(principal, VIEW_PERMISSIONS);
  await authorize(principal, "gatehouse.users.view");
  const tenantId = tenantOf(principal);
  if (!(await findCatalogPermissionByCode(db, tenantId, code))) throw ApiError.notFound("permission");
  const policy = await tenantDecisions(tenantId, []);
  if (!policy) throw ApiError.notFound("tenant");
  const roleIds = policy.rolesGranting(code);
  const codes = selfAndAncestors(code);
  let after: { name: string; id: string } | null = decodeCursor(LISTS.holders, q.cursor);
  const data: Holder[] = [];
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const candidates = await holderCandidates(db, tenantId, { roleIds, codes, after, limit: BATCH });
    const decided = candidates.length
      ? await tenantDecisions(
          tenantId,
          candidates.map((c) => c.id),
        )
      : null;
    for (const [i, c] of candidates.entries()) {
      after = { name: c.name, id: c.id };
      const d = decided!.decide(c.id, code);
      if (!d.granted || (d.reason !== "role" && d.reason !== "override" && d.reason !== "superadmin")) continue;
      data.push({
        user_id: c.id,
        email: c.email,
        name: c.name,
        source: d.reason,
        via: d.via,
        conditional: d.conditional === true,
      });
      if (data.length === q.limit) {
        const more = i < candidates.length - 1 || candidates.length === BATCH;
        return { data, next_cursor: more ? encodeCursor(LISTS.holders, after) : null };
      }
    }
    if (candidates.length < BATCH) return { data, next_cursor: null };
  }
  return { data, next_cursor: after ? encodeCursor(LISTS.holders, after) : null };
}
