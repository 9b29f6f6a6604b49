import { route } from "@/lib/api/route";
import { requestMeta } from "@/lib/services/audit";
import { createTenant, listTenants } from "@/lib/services/tenants";
import { createTenantRequest, tenantListQuery } from "@/lib/validation/tenants";

// Platform super-admins only (checked in the service: it is not a permission of any one tenant).
// POST answers with the new tenant's perm_version (its body field; the wrapper adds the X-Perm-Version header).
export const GET = route({ scope: "read", permission: null, query: tenantListQuery }, ({ db, principal, query }) =>
  listTenants(db, principal, query),
);

export const POST = route(
  { scope: "write", permission: null, answersPermVersion: true, body: createTenantRequest },
  ({ db, principal, body, request }) => createTenant(db, principal, body, requestMeta(request)),
);
