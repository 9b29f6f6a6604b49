import { route } from "@/lib/api/route";
import { permissionsByCategory } from "@/lib/services/catalog";
import { catalogGroupQuery } from "@/lib/validation/catalog";
import { ok, PermissionsByCategory } from "@/lib/validation/responses";

export const GET = route(
  {
    responses: [ok(PermissionsByCategory)],
    scope: "read",
    permission: "gatehouse.permissions.view",
    query: catalogGroupQuery,
  },
  ({ ctx, query }) => permissionsByCategory(ctx, query.active_only),
);
