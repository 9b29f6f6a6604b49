import { route } from "@/lib/api/route";
import { permissionGroups } from "@/lib/services/catalog";
import { catalogGroupQuery } from "@/lib/validation/catalog";
import { ok, PermissionGroups } from "@/lib/validation/responses";

export const GET = route(
  {
    responses: [ok(PermissionGroups)],
    scope: "read",
    permission: "gatehouse.permissions.view",
    query: catalogGroupQuery,
  },
  ({ ctx, query }) => permissionGroups(ctx, query.active_only),
);
