import "server-only";
import type { Db } from "@/db/client";
import { findUserByEmail } from "@/db/queries/users";
import { authorize } from "@/lib/auth/authorize";
import { type Principal, tenantOf } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import { andThen, type MaybePromise } from "@/lib/maybe-promise";
import { recordChecks, timeCheck } from "@/lib/observability/metrics";
import { decisionsOfRequest, keepsDecision, logDecision } from "@/lib/permissions/decision-log";
import type { CompiledTenant } from "@/lib/permissions/engine";
import { tenantDecisions } from "@/lib/permissions/server";
import { checkCounters, countUserChecks } from "@/lib/permissions/stats";
import type { BulkCheckRequest, CheckRequest } from "@/lib/validation/check";
import type { ServiceContext } from "./context";

// No user has this id: an unknown email is decided like a non-member (reason none), revealing nothing.
const NOBODY = "00000000-0000-0000-0000-000000000000";

/** Whom the question is about; asking about someone else is reading their permissions. */
function subject(db: Db, principal: Principal, input: { user_id?: string; user_email?: string }): MaybePromise<string> {
  const self = principal.userId;
  if (input.user_id === undefined && input.user_email !== undefined)
    return findUserByEmail(db, input.user_email).then((user) => about(principal, user?.id ?? NOBODY));
  const target = input.user_id ?? self;
  if (!target)
    throw ApiError.badRequest("Send user_id or user_email.", [
      { path: "body.user_id", message: "Required for API keys" },
    ]);
  return about(principal, target);
}

function about(principal: Principal, target: string): MaybePromise<string> {
  return target === principal.userId ? target : andThen(authorize(principal, "gatehouse.users.view"), () => target);
}

/**
 * The tenant's decisions with this user loaded, at least as fresh as `minVersion`. Both check
 * routes answer from memory without a promise when they can (lib/maybe-promise.ts).
 */
function tenantAt(principal: Principal, userId: string, minVersion?: number): MaybePromise<CompiledTenant> {
  return andThen(tenantDecisions(tenantOf(principal), [userId], minVersion), (compiled) => {
    if (!compiled) throw ApiError.notFound("tenant");
    return compiled;
  });
}

/** POST /api/v1/check: one decision, with its reason. */
export function checkPermission(ctx: ServiceContext, input: CheckRequest) {
  const answered = timeCheck("check");
  return andThen(subject(ctx.db, ctx.principal, input), (userId) =>
    andThen(tenantAt(ctx.principal, userId, input.min_perm_version), (compiled) => {
      const decision = compiled.decide(userId, input.code, input.context);
      checkCounters(compiled.tenantId)(input.code, decision.granted);
      countUserChecks(compiled.tenantId, userId, decision.granted ? 1 : 0, decision.granted ? 0 : 1);
      logDecision(compiled.tenantId, userId, input.code, decision, "check", keyOf(ctx.principal), input.context);
      recordChecks(decision.granted ? 1 : 0, decision.granted ? 0 : 1);
      answered();
      // Always said on the check API, so a caller can rely on it (§3.6).
      return { ...decision, conditional: decision.conditional === true, perm_version: compiled.permVersion };
    }),
  );
}

/** POST /api/v1/check/bulk: many codes for one user; has_all or has_any. */
export function checkPermissions(ctx: ServiceContext, input: BulkCheckRequest) {
  const answered = timeCheck("bulk");
  return andThen(subject(ctx.db, ctx.principal, input), (userId) =>
    andThen(tenantAt(ctx.principal, userId, input.min_perm_version), (compiled) =>
      bulkAnswer(compiled, userId, input, answered, keyOf(ctx.principal)),
    ),
  );
}

/** The API key a check came with (the decision log names it), else null. */
const keyOf = (principal: Principal) => (principal.kind === "api_key" ? principal.apiKey.id : null);

function bulkAnswer(
  compiled: CompiledTenant,
  userId: string,
  input: BulkCheckRequest,
  answered: () => void,
  apiKeyId: string | null,
) {
  const granted = compiled.grantedEach(userId, input.codes);
  const permissions: Record<string, boolean> = {};
  const count = checkCounters(compiled.tenantId);
  let allowed = 0;
  const keep = decisionsOfRequest(compiled.tenantId, compiled.permVersion, userId, "check", apiKeyId);
  input.codes.forEach((code, i) => {
    const yes = granted[i] === true;
    permissions[code] = yes;
    count(code, yes);
    if (yes) allowed++;
    // The reason and rule are worked out only for a decision the log keeps (every denial, sampled grants).
    if (keepsDecision(yes)) keep(code, yes, () => compiled.decide(userId, code));
  });
  countUserChecks(compiled.tenantId, userId, allowed, input.codes.length - allowed);
  recordChecks(allowed, input.codes.length - allowed);
  answered();
  // A code sent twice is one key of `permissions` and counts twice here, as in the statistics.
  const summary = input.check_all ? { has_all: allowed === input.codes.length } : { has_any: allowed > 0 };
  return { ...summary, permissions, perm_version: compiled.permVersion };
}
