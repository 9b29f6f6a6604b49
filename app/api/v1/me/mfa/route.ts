import { route } from "@/lib/api/route";
import { getMfaStatus } from "@/lib/services/mfa";

/** The caller's second factor: enabled?, recovery codes left, and whether this session is verified. */
export const GET = route({ scope: "read", permission: null, keys: false }, ({ db, principal }) =>
  getMfaStatus(db, principal),
);
