import { route } from "@/lib/api/route";
import { requestMeta } from "@/lib/services/audit";
import { listPermissions } from "@/lib/services/catalog";
import { createPermission } from "@/lib/services/catalog-writes";
import { createPermissionRequest, permissionListQuery } from "@/lib/validation/catalog";

export const GET = route(
  { scope: "read", permission: "gatehouse.permissions.view", query: permissionListQuery },
  ({ db, principal, query }) => listPermissions(db, principal, query),
);

export const POST = route(
  { scope: "write", permission: "gatehouse.permissions.manage", body: createPermissionRequest },
  ({ db, principal, body, request }) => createPermission(db, principal, body, requestMeta(request)),
);
