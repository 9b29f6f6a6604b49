import { route } from "@/lib/api/route";
import { startEnrolment } from "@/lib/services/mfa";

/** Starts TOTP enrolment: `{secret, otpauth_uri, qr_data_url}`, shown this once. */
export const POST = route({ scope: "write", permission: null, keys: false }, ({ db, principal }) =>
  startEnrolment(db, principal),
);
