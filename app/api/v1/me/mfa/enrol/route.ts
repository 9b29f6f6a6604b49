import { route } from "@/lib/api/route";
import { startEnrolment } from "@/lib/services/mfa";
import { MfaEnrolment, ok } from "@/lib/validation/responses";

/** Starts TOTP enrolment: `{secret, otpauth_uri, qr_data_url}`, shown this once. */
export const POST = route(
  { responses: [ok(MfaEnrolment, "Enrolment started")], scope: "write", permission: null, keys: false },
  ({ ctx }) => startEnrolment(ctx),
);
