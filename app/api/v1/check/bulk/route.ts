import { route } from "@/lib/api/route";
import { checkPermissions } from "@/lib/services/check";
import { bulkCheckRequest } from "@/lib/validation/check";
import { reachableMinVersion } from "../freshness";

export const POST = route({ scope: "check", permission: null, rateLimit: "check", body: bulkCheckRequest }, async ({ db, principal, body }) =>
  checkPermissions(db, principal, await reachableMinVersion(db, principal, body)),
);
