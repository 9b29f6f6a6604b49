import { route } from "@/lib/api/route";
import { checkPermissions } from "@/lib/services/check";
import { bulkCheckRequest } from "@/lib/validation/check";
import { BulkCheckResult, ok } from "@/lib/validation/responses";

export const POST = route(
  { responses: [ok(BulkCheckResult)], scope: "check", permission: null, rateLimit: "check", body: bulkCheckRequest },
  ({ ctx, body }) => checkPermissions(ctx, body),
);
