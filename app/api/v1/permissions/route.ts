import { route } from "@/lib/api/route";
import { listPermissions } from "@/lib/services/catalog";
import { createPermission } from "@/lib/services/permission-writes";
import { createPermissionRequest, permissionListQuery } from "@/lib/validation/catalog";
import { created, ok, PermissionPage, PermissionWritten } from "@/lib/validation/responses";

export const GET = route(
  {
    responses: [ok(PermissionPage)],
    scope: "read",
    permission: "gatehouse.permissions.view",
    query: permissionListQuery,
  },
  ({ ctx, query }) => listPermissions(ctx, query),
);

export const POST = route(
  {
    responses: [created(PermissionWritten)],
    scope: "write",
    permission: "gatehouse.permissions.manage",
    body: createPermissionRequest,
  },
  ({ ctx, body }) => createPermission(ctx, body),
);
