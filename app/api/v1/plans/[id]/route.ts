import { route } from "@/lib/api/route";
import { requestMeta } from "@/lib/services/audit";
import { getPlan, updatePlan } from "@/lib/services/plans";
import { planParams, updatePlanRequest } from "@/lib/validation/plans";

export const GET = route({ scope: "read", permission: null, params: planParams }, ({ db, principal, params }) =>
  getPlan(db, principal, params.id),
);

export const PATCH = route(
  { scope: "write", permission: null, params: planParams, body: updatePlanRequest },
  ({ db, principal, params, body, request }) => updatePlan(db, principal, params.id, body, requestMeta(request)),
);
