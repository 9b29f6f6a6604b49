import { route } from "@/lib/api/route";
import { confirmEnrolment } from "@/lib/services/mfa";
import { MfaEnabled, ok } from "@/lib/validation/responses";
import { codeBody } from "../../factor";

/** Confirms enrolment with a first code: `{enabled: true, recovery_codes: [...]}` (shown once). */
export const POST = route(
  { responses: [ok(MfaEnabled)], scope: "write", permission: null, keys: false, body: codeBody },
  ({ ctx, body }) => confirmEnrolment(ctx, body.code),
);
