import { route } from "@/lib/api/route";
import { createApiKey, listApiKeys } from "@/lib/services/api-keys";
import { requestMeta } from "@/lib/services/audit";
import { createApiKeyRequest } from "@/lib/validation/api-keys";

export const GET = route({ scope: "read", permission: "gatehouse.api_keys.view" }, ({ db, principal }) =>
  listApiKeys(db, principal),
);

export const POST = route(
  { scope: "write", permission: "gatehouse.api_keys.manage", answersPermVersion: true, body: createApiKeyRequest },
  async ({ db, principal, body, request }) =>
    Response.json(await createApiKey(db, principal, body, requestMeta(request)), {
      status: 201,
      headers: { "cache-control": "no-store" },
    }),
);
