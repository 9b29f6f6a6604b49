import { route } from "@/lib/api/route";
import { setPlanFeatures } from "@/lib/services/plans";
import { planFeaturesRequest, planParams } from "@/lib/validation/plans";
import { ok, PlanWritten } from "@/lib/validation/responses";

export const PUT = route(
  {
    responses: [ok(PlanWritten, "Replaced")],
    scope: "write",
    permission: null,
    params: planParams,
    body: planFeaturesRequest,
  },
  ({ ctx, params, body }) => setPlanFeatures(ctx, params.id, body.menu_item_ids),
);
