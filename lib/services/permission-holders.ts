import "server-only";
import type { Db } from "@/db/client";
import { findCatalogPermissionByCode } from "@/db/queries/catalog";
import { type HolderCandidate, holderCandidates } from "@/db/queries/holders";
import { authorize } from "@/lib/auth/authorize";
import { tenantOf } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import { selfAndAncestors } from "@/lib/permissions/codes";
import { tenantDecisions } from "@/lib/permissions/server";
import type { Decision, Via } from "@/lib/permissions/types";
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

/** A candidate the decision grants, as a holder: the rule that grants it (role, override, super-admin). */
function holderOf(c: HolderCandidate, d: Decision): Holder | null {
  if (!d.granted || (d.reason !== "role" && d.reason !== "override" && d.reason !== "superadmin")) return null;
  return {
    user_id: c.id,
    email: c.email,
    name: c.name,
    source: d.reason,
    via: d.via,
    conditional: d.conditional === true,
  };
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
      const holder = holderOf(c, decided!.decide(c.id, code));
      if (!holder) continue;
      data.push(holder);
      if (data.length === q.limit) {
        const more = i < candidates.length - 1 || candidates.length === BATCH;
        return { data, next_cursor: more ? encodeCursor(LISTS.holders, after) : null };
      }
    }
    if (candidates.length < BATCH) return { data, next_cursor: null };
  }
  return { data, next_cursor: after ? encodeCursor(LISTS.holders, after) : null };
}

/**
 * How many members hold `code` now (the same candidates and decisions as the holders list),
 * counting at most `cap`: what a plan change would take from people (lib/services/plan-impact.ts).
 */
export async function countHolders(db: Db, tenantId: string, code: string, cap = 10_000): Promise<number> {
  const policy = await tenantDecisions(tenantId, []);
  if (!policy) return 0;
  const roleIds = policy.rolesGranting(code);
  const codes = selfAndAncestors(code);
  let after: { name: string; id: string } | null = null;
  let count = 0;
  while (count < cap) {
    const candidates = await holderCandidates(db, tenantId, { roleIds, codes, after, limit: BATCH });
    if (!candidates.length) break;
    const decided = await tenantDecisions(
      tenantId,
      candidates.map((c) => c.id),
    );
    for (const c of candidates) if (holderOf(c, decided!.decide(c.id, code))) count++;
    const last = candidates[candidates.length - 1]!;
    after = { name: last.name, id: last.id };
    if (candidates.length < BATCH) break;
  }
  return Math.min(count, cap);
}
