import { route } from "@/lib/api/route";
import { confirmEnrolment } from "@/lib/services/mfa";
import { codeBody } from "../../factor";

/** Confirms enrolment with a first code: `{enabled: true, recovery_codes: [...]}` (shown once). */
export const POST = route(
  { scope: "write", permission: null, keys: false, body: codeBody },
  ({ db, principal, body }) => confirmEnrolment(db, principal, body.code),
);
