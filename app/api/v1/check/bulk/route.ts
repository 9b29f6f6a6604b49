import { route } from "@/lib/api/route";
import { checkPermissions } from "@/lib/services/check";
import { bulkCheckRequest } from "@/lib/validation/check";

export const POST = route(
  { scope: "check", permission: null, rateLimit: "check", body: bulkCheckRequest },
  ({ db, principal, body }) => checkPermissions(db, principal, body),
);
