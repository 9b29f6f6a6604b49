import { route } from "@/lib/api/route";
import { revokeApiKey } from "@/lib/services/api-keys";
import { apiKeyParams } from "@/lib/validation/api-keys";
import { noContent } from "@/lib/validation/responses";

export const DELETE = route(
  {
    responses: [noContent("Revoked, at once (the tenant's current perm_version is in X-Perm-Version)")],
    scope: "write",
    permission: "gatehouse.api_keys.manage",
    params: apiKeyParams,
  },
  ({ ctx, params }) => revokeApiKey(ctx, params.id),
);
