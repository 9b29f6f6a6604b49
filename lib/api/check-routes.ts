import "server-only";
import type { z } from "zod";
import type { HandlerInput, RouteSpec } from "@/lib/api/core";
import type { MaybePromise } from "@/lib/maybe-promise";
import { checkPermission, checkPermissions } from "@/lib/services/check";
import { bulkCheckRequest, checkRequest } from "@/lib/validation/check";
import { BulkCheckResult, CheckResult, ok } from "@/lib/validation/responses";

/**
 * The check routes, declared once for both shells that serve them: the Next route handlers
 * (app/api/v1/check/**, sessions and anything the data plane leaves) and the data plane
 * (data-plane.ts, API keys), so the two cannot drift apart.
 */
function endpoint<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  spec: RouteSpec<P, Q, B>,
  handler: (input: HandlerInput<z.infer<P>, z.infer<Q>, z.infer<B>>) => MaybePromise<unknown>,
) {
  return { spec, handler };
}

export const CHECK = endpoint(
  { responses: [ok(CheckResult)], scope: "check", permission: null, rateLimit: "check", body: checkRequest },
  ({ ctx, body }) => checkPermission(ctx, body),
);

export const BULK_CHECK = endpoint(
  { responses: [ok(BulkCheckResult)], scope: "check", permission: null, rateLimit: "check", body: bulkCheckRequest },
  ({ ctx, body }) => checkPermissions(ctx, body),
);
