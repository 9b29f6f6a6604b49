import { route } from "@/lib/api/route";
import { revokeApiKey } from "@/lib/services/api-keys";
import { requestMeta } from "@/lib/services/audit";
import { apiKeyParams } from "@/lib/validation/api-keys";

export const DELETE = route(
  { scope: "write", permission: "gatehouse.api_keys.manage", answersPermVersion: true, params: apiKeyParams },
  ({ db, principal, params, request }) => revokeApiKey(db, principal, params.id, requestMeta(request)),
);
