import { route } from "@/lib/api/route";
import { getMyPermissionMap } from "@/lib/services/me";
import { ok, PermissionMap } from "@/lib/validation/responses";

export const GET = route({ responses: [ok(PermissionMap)], scope: "read", permission: null, keys: false }, ({ ctx }) =>
  getMyPermissionMap(ctx),
);
