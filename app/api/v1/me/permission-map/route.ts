import { route } from "@/lib/api/route";
import { getMyPermissionMap } from "@/lib/services/me";

export const GET = route({ scope: "read", permission: null, keys: false }, ({ principal }) =>
  getMyPermissionMap(principal),
);
