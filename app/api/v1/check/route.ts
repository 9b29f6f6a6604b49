import { route } from "@/lib/api/route";
import { checkPermission } from "@/lib/services/check";
import { checkRequest } from "@/lib/validation/check";

export const POST = route(
  { scope: "check", permission: null, rateLimit: "check", body: checkRequest },
  ({ db, principal, body }) => checkPermission(db, principal, body),
);
