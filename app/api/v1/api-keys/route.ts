import { route } from "@/lib/api/route";
import { createApiKey, listApiKeys } from "@/lib/services/api-keys";
import { createApiKeyRequest } from "@/lib/validation/api-keys";
import { ApiKeyCreated, ApiKeyPage, created, ok } from "@/lib/validation/responses";

export const GET = route(
  { responses: [ok(ApiKeyPage)], scope: "read", permission: "gatehouse.api_keys.view" },
  ({ ctx }) => listApiKeys(ctx),
);

export const POST = route(
  {
    responses: [created(ApiKeyCreated, "Created; the secret is in this answer only")],
    scope: "write",
    permission: "gatehouse.api_keys.manage",
    body: createApiKeyRequest,
  },
  ({ ctx, body }) => createApiKey(ctx, body),
);
