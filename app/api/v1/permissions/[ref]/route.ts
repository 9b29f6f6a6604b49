import { route } from "@/lib/api/route";
import { requestMeta } from "@/lib/services/audit";
import { getPermission } from "@/lib/services/catalog";
import { deletePermission, updatePermission } from "@/lib/services/catalog-writes";
import { permissionIdParams, updatePermissionRequest } from "@/lib/validation/catalog";

// `[ref]` is an id here; the same segment is a code under `dependencies` (Next allows one name per level).
export const GET = route(
  { scope: "read", permission: "gatehouse.permissions.view", params: permissionIdParams },
  ({ db, principal, params }) => getPermission(db, principal, params.ref),
);

export const PATCH = route(
  {
    scope: "write",
    permission: "gatehouse.permissions.manage",
    params: permissionIdParams,
    body: updatePermissionRequest,
  },
  ({ db, principal, params, body, request }) => updatePermission(db, principal, params.ref, body, requestMeta(request)),
);

export const DELETE = route(
  { scope: "write", permission: "gatehouse.permissions.manage", params: permissionIdParams },
  ({ db, principal, params, request }) => deletePermission(db, principal, params.ref, requestMeta(request)),
);
