import { route } from "@/lib/api/route";
import { verifyStepUp } from "@/lib/services/mfa";
import { factorBody } from "../factor";

/** Step-up: a TOTP or recovery code marks this session verified for 15 minutes. */
export const POST = route(
  { scope: "write", permission: null, keys: false, body: factorBody },
  ({ db, principal, body }) => verifyStepUp(db, principal, body),
);
