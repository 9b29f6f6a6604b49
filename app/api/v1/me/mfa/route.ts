import { route } from "@/lib/api/route";
import { getMfaStatus } from "@/lib/services/mfa";
import { MfaStatus, ok } from "@/lib/validation/responses";

/** The caller's second factor: enabled?, recovery codes left, and whether this session is verified. */
export const GET = route({ responses: [ok(MfaStatus)], scope: "read", permission: null, keys: false }, ({ ctx }) =>
  getMfaStatus(ctx),
);
