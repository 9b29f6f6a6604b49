import { route } from "@/lib/api/route";
import { verifyStepUp } from "@/lib/services/mfa";
import { MfaVerified, ok } from "@/lib/validation/responses";
import { factorBody } from "../factor";

/** Step-up: a TOTP or recovery code marks this session verified for 15 minutes. */
export const POST = route(
  { responses: [ok(MfaVerified)], scope: "write", permission: null, keys: false, body: factorBody },
  ({ ctx, body }) => verifyStepUp(ctx, body),
);
