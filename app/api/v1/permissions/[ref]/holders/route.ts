import { route } from "@/lib/api/route";
import { permissionHolders } from "@/lib/services/permission-holders";
import { holdersQuery, permissionCodeParams } from "@/lib/validation/catalog";
import { ok, PermissionHolderPage } from "@/lib/validation/responses";

// "Who can do this?": read by code (`/permissions/gatehouse.audit.view/holders`). It lists people,
// so it needs users.view on top of the catalog's permissions.view (the service asks both).
export const GET = route(
  {
    responses: [ok(PermissionHolderPage)],
    scope: "read",
    permission: "gatehouse.users.view",
    params: permissionCodeParams,
    query: holdersQuery,
  },
  ({ ctx, params, query }) => permissionHolders(ctx, params.ref, query),
);
