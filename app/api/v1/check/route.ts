import { route } from "@/lib/api/route";
import { checkPermission } from "@/lib/services/check";
import { checkRequest } from "@/lib/validation/check";
import { CheckResult, ok } from "@/lib/validation/responses";

export const POST = route(
  { responses: [ok(CheckResult)], scope: "check", permission: null, rateLimit: "check", body: checkRequest },
  ({ ctx, body }) => checkPermission(ctx, body),
);
