import { route } from "@/lib/api/route";
import { checkPermission } from "@/lib/services/check";
import { checkRequest } from "@/lib/validation/check";
import { reachableMinVersion } from "./freshness";

export const POST = route({ scope: "check", permission: null, rateLimit: "check", body: checkRequest }, async ({ db, principal, body }) =>
  checkPermission(db, principal, await reachableMinVersion(db, principal, body)),
);
