import { route } from "@/lib/api/route";
import { requestMeta } from "@/lib/services/audit";
import { setPlanFeatures } from "@/lib/services/plans";
import { planFeaturesRequest, planParams } from "@/lib/validation/plans";

export const PUT = route(
  { scope: "write", permission: null, params: planParams, body: planFeaturesRequest },
  ({ db, principal, params, body, request }) =>
    setPlanFeatures(db, principal, params.id, body.menu_item_ids, requestMeta(request)),
);
