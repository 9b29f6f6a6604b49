import { route } from "@/lib/api/route";
import { disableMfa } from "@/lib/services/mfa";
import { factorBody } from "../factor";

/** Turns two-factor authentication off; needs a current TOTP or recovery code. */
export const POST = route(
  { scope: "write", permission: null, keys: false, body: factorBody },
  ({ db, principal, body }) => disableMfa(db, principal, body),
);
