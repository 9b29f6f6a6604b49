import { route } from "@/lib/api/route";
import { requestMeta } from "@/lib/services/audit";
import { getTenant, updateTenant } from "@/lib/services/tenants";
import { tenantParams, updateTenantRequest } from "@/lib/validation/tenants";

// GET: a super-admin, or the tenant's own admin holding gatehouse.tenants.view (the service decides).
export const GET = route({ scope: "read", permission: null, params: tenantParams }, ({ db, principal, params }) =>
  getTenant(db, principal, params.id),
);

export const PATCH = route(
  { scope: "write", permission: null, params: tenantParams, body: updateTenantRequest },
  ({ db, principal, params, body, request }) => updateTenant(db, principal, params.id, body, requestMeta(request)),
);
