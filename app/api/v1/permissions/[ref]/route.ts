import { route } from "@/lib/api/route";
import { getPermission } from "@/lib/services/catalog";
import { deletePermission, updatePermission } from "@/lib/services/permission-writes";
import { permissionIdParams, updatePermissionRequest } from "@/lib/validation/catalog";
import { noContent, ok, Permission, PermissionWritten } from "@/lib/validation/responses";

// `[ref]` is an id here; the same segment is a code under `dependencies` (Next allows one name per level).
export const GET = route(
  { responses: [ok(Permission)], scope: "read", permission: "gatehouse.permissions.view", params: permissionIdParams },
  ({ ctx, params }) => getPermission(ctx, params.ref),
);

export const PATCH = route(
  {
    responses: [ok(PermissionWritten, "Updated")],
    scope: "write",
    permission: "gatehouse.permissions.manage",
    params: permissionIdParams,
    body: updatePermissionRequest,
  },
  ({ ctx, params, body }) => updatePermission(ctx, params.ref, body),
);

export const DELETE = route(
  {
    responses: [noContent("Deleted, with its grants and overrides")],
    scope: "write",
    permission: "gatehouse.permissions.manage",
    params: permissionIdParams,
  },
  ({ ctx, params }) => deletePermission(ctx, params.ref),
);
