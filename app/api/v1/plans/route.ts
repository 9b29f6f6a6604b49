import { route } from "@/lib/api/route";
import { requestMeta } from "@/lib/services/audit";
import { createPlan, listPlans } from "@/lib/services/plans";
import { createPlanRequest } from "@/lib/validation/plans";

// Any signed-in member may read the price list; writes are for platform super-admins (checked in the service).
export const GET = route({ scope: "read", permission: null }, ({ db, principal }) => listPlans(db, principal));

export const POST = route(
  { scope: "write", permission: null, body: createPlanRequest },
  ({ db, principal, body, request }) => createPlan(db, principal, body, requestMeta(request)),
);
