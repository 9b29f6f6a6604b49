import { route } from "@/lib/api/route";
import { getPlan, updatePlan } from "@/lib/services/plans";
import { planParams, updatePlanRequest } from "@/lib/validation/plans";
import { ok, Plan, PlanWritten } from "@/lib/validation/responses";

export const GET = route(
  { responses: [ok(Plan)], scope: "read", permission: null, params: planParams },
  ({ ctx, params }) => getPlan(ctx, params.id),
);

export const PATCH = route(
  {
    responses: [ok(PlanWritten, "Updated")],
    scope: "write",
    permission: null,
    params: planParams,
    body: updatePlanRequest,
  },
  ({ ctx, params, body }) => updatePlan(ctx, params.id, body),
);
