import { route } from "@/lib/api/route";
import { requestMeta } from "@/lib/services/audit";
import { permissionDependenciesOf, setPermissionDependencies } from "@/lib/services/catalog-dependencies";
import {
  dependenciesQuery,
  permissionCodeParams,
  permissionIdParams,
  setDependenciesRequest,
} from "@/lib/validation/catalog";

// API.md: read by code (`/permissions/sites.detail.view/dependencies`), replace by id.
export const GET = route(
  { scope: "read", permission: "gatehouse.permissions.view", params: permissionCodeParams, query: dependenciesQuery },
  ({ db, principal, params, query }) => permissionDependenciesOf(db, principal, params.ref, query.user_id),
);

export const PUT = route(
  {
    scope: "write",
    permission: "gatehouse.permissions.manage",
    params: permissionIdParams,
    body: setDependenciesRequest,
  },
  ({ db, principal, params, body, request }) =>
    setPermissionDependencies(db, principal, params.ref, body.codes, requestMeta(request)),
);
