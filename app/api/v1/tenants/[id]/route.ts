import { route } from "@/lib/api/route";
import { getTenant, updateTenant } from "@/lib/services/tenants";
import { ok, Tenant } from "@/lib/validation/responses";
import { tenantParams, updateTenantRequest } from "@/lib/validation/tenants";

// GET: a super-admin, or the tenant's own admin holding gatehouse.tenants.view (the service decides).
export const GET = route(
  { responses: [ok(Tenant)], scope: "read", permission: null, params: tenantParams },
  ({ ctx, params }) => getTenant(ctx, params.id),
);

export const PATCH = route(
  {
    responses: [ok(Tenant, "Updated (perm_version: the tenant's new one)")],
    scope: "write",
    permission: null,
    params: tenantParams,
    body: updateTenantRequest,
  },
  ({ ctx, params, body }) => updateTenant(ctx, params.id, body),
);
