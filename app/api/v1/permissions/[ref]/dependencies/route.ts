import { route } from "@/lib/api/route";
import { permissionDependenciesOf, setPermissionDependencies } from "@/lib/services/catalog-dependencies";
import {
  dependenciesQuery,
  permissionCodeParams,
  permissionIdParams,
  setDependenciesRequest,
} from "@/lib/validation/catalog";
import { DependenciesWritten, ok, PermissionDependencies } from "@/lib/validation/responses";

// docs/api.md: read by code (`/permissions/sites.detail.view/dependencies`), replace by id.
export const GET = route(
  {
    responses: [ok(PermissionDependencies)],
    scope: "read",
    permission: "gatehouse.permissions.view",
    params: permissionCodeParams,
    query: dependenciesQuery,
  },
  ({ ctx, params, query }) => permissionDependenciesOf(ctx, params.ref, query.user_id),
);

export const PUT = route(
  {
    responses: [ok(DependenciesWritten, "Replaced")],
    scope: "write",
    permission: "gatehouse.permissions.manage",
    params: permissionIdParams,
    body: setDependenciesRequest,
  },
  ({ ctx, params, body }) => setPermissionDependencies(ctx, params.ref, body.codes),
);
