import { route } from "@/lib/api/route";
import { regenerateRecoveryCodes } from "@/lib/services/mfa";
import { MfaRecoveryCodes, ok } from "@/lib/validation/responses";
import { factorBody } from "../factor";

/** Replaces the recovery codes (the old ones stop working); needs a current TOTP or recovery code. */
export const POST = route(
  { responses: [ok(MfaRecoveryCodes)], scope: "write", permission: null, keys: false, body: factorBody },
  ({ ctx, body }) => regenerateRecoveryCodes(ctx, body),
);
