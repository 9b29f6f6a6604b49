import { route } from "@/lib/api/route";
import { regenerateRecoveryCodes } from "@/lib/services/mfa";
import { factorBody } from "../factor";

/** Replaces the recovery codes (the old ones stop working); needs a current TOTP or recovery code. */
export const POST = route(
  { scope: "write", permission: null, keys: false, body: factorBody },
  ({ db, principal, body }) => regenerateRecoveryCodes(db, principal, body),
);
