import "server-only";
import type { Db } from "@/db/client";
import { findUserByEmail } from "@/db/queries/users";
import { authorize } from "@/lib/auth/authorize";
import { type Principal, tenantOf } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import { recordChecks, timeCheck } from "@/lib/observability/metrics";
import { tenantDecisions } from "@/lib/permissions/server";
import { checkCounters } from "@/lib/permissions/stats";
import type { BulkCheckRequest, CheckRequest } from "@/lib/validation/check";
import type { ServiceContext } from "./context";

// No user has this id: an unknown email is decided like a non-member (reason none), revealing nothing.
const NOBODY = "00000000-0000-0000-0000-000000000000";

async function subject(
  db: Db,
  principal: Principal,
  input: { user_id?: string; user_email?: string },
): Promise<string> {
  const self = principal.userId;
  const target =
    input.user_id ?? (input.user_email ? ((await findUserByEmail(db, input.user_email))?.id ?? NOBODY) : self);
  if (!target)
    throw ApiError.badRequest("Send user_id or user_email.", [
      { path: "body.user_id", message: "Required for API keys" },
    ]);
  // Asking about someone else is reading their permissions.
  if (target !== self) await authorize(principal, "gatehouse.users.view");
  return target;
}

async function tenantAt(principal: Principal, userId: string, minVersion?: number) {
  const compiled = await tenantDecisions(tenantOf(principal), [userId], minVersion);
  if (!compiled) throw ApiError.notFound("tenant");
  return compiled;
}

/** POST /api/v1/check: one decision, with its reason. */
export async function checkPermission(ctx: ServiceContext, input: CheckRequest) {
  const { db, principal } = ctx;
  const answered = timeCheck("check");
  const userId = await subject(db, principal, input);
  const compiled = await tenantAt(principal, userId, input.min_perm_version);
  const decision = compiled.decide(userId, input.code, input.context);
  checkCounters(compiled.tenantId)(input.code, decision.granted);
  recordChecks(decision.granted ? 1 : 0, decision.granted ? 0 : 1);
  answered();
  // Always said on the check API, so a caller can rely on it (§3.6).
  return { ...decision, conditional: decision.conditional === true, perm_version: compiled.permVersion };
}

/** POST /api/v1/check/bulk: many codes for one user; has_all or has_any. */
export async function checkPermissions(ctx: ServiceContext, input: BulkCheckRequest) {
  const { db, principal } = ctx;
  const answered = timeCheck("bulk");
  const userId = await subject(db, principal, input);
  const compiled = await tenantAt(principal, userId, input.min_perm_version);
  const granted = compiled.grantedEach(userId, input.codes);
  const permissions: Record<string, boolean> = {};
  const count = checkCounters(compiled.tenantId);
  let allowed = 0;
  input.codes.forEach((code, i) => {
    const yes = granted[i] === true;
    permissions[code] = yes;
    count(code, yes);
    if (yes) allowed++;
  });
  recordChecks(allowed, input.codes.length - allowed);
  answered();
  // A code sent twice is one key of `permissions` and counts twice here, as in the statistics.
  const summary = input.check_all ? { has_all: allowed === input.codes.length } : { has_any: allowed > 0 };
  return { ...summary, permissions, perm_version: compiled.permVersion };
}
