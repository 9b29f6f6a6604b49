import { route } from "@/lib/api/route";
import { createPlan, listPlans } from "@/lib/services/plans";
import { createPlanRequest } from "@/lib/validation/plans";
import { created, ok, PlanPage, PlanWritten } from "@/lib/validation/responses";

// Any signed-in member may read the price list; writes are for platform super-admins (checked in the service).
export const GET = route({ responses: [ok(PlanPage)], scope: "read", permission: null }, ({ ctx }) => listPlans(ctx));

export const POST = route(
  { responses: [created(PlanWritten)], scope: "write", permission: null, body: createPlanRequest },
  ({ ctx, body }) => createPlan(ctx, body),
);
