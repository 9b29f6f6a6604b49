import { route } from "@/lib/api/route";
import { publicOrigin } from "@/lib/http/request-meta";
import { createTenant, listTenants } from "@/lib/services/tenants";
import { created, ok, TenantCreated, TenantPage } from "@/lib/validation/responses";
import { createTenantRequest, tenantListQuery } from "@/lib/validation/tenants";

// Platform super-admins only (checked in the service: it is not a permission of any one tenant).
// POST answers with the new tenant's perm_version (its body field; the wrapper adds the X-Perm-Version header).
export const GET = route(
  { responses: [ok(TenantPage)], scope: "read", permission: null, query: tenantListQuery },
  ({ ctx, query }) => listTenants(ctx, query),
);

export const POST = route(
  {
    responses: [
      created(
        TenantCreated,
        "Created, with its Admin, Member and Viewer roles and, with `admin_email`, its first Admin (perm_version: the new tenant's, also in X-Perm-Version)",
      ),
    ],
    scope: "write",
    permission: null,
    body: createTenantRequest,
  },
  ({ ctx, body, request }) => createTenant(ctx, body, publicOrigin(request)),
);
