import { route } from "@/lib/api/route";
import { getMyPermissions } from "@/lib/services/me";

export const GET = route({ scope: "read", permission: null, keys: false }, ({ db, principal }) =>
  getMyPermissions(db, principal),
);
