import { route } from "@/lib/api/route";
import { planChangeImpact } from "@/lib/services/plan-impact";
import { ok, PlanChangeImpact } from "@/lib/validation/responses";
import { planImpactQuery, tenantParams } from "@/lib/validation/tenants";

// Super-admins only (the service says so, like every tenant route): the menu items a plan change
// would add and take, and how many members lose each, before the change is confirmed.
export const GET = route(
  {
    responses: [ok(PlanChangeImpact)],
    scope: "read",
    permission: null,
    params: tenantParams,
    query: planImpactQuery,
  },
  ({ ctx, params, query }) => planChangeImpact(ctx, params.id, query.plan_id ?? null),
);
