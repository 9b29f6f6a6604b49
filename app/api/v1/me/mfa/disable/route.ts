import { route } from "@/lib/api/route";
import { disableMfa } from "@/lib/services/mfa";
import { MfaDisabled, ok } from "@/lib/validation/responses";
import { factorBody } from "../factor";

/** Turns two-factor authentication off; needs a current TOTP or recovery code. */
export const POST = route(
  { responses: [ok(MfaDisabled)], scope: "write", permission: null, keys: false, body: factorBody },
  ({ ctx, body }) => disableMfa(ctx, body),
);
