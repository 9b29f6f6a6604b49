import { route } from "@/lib/api/route";
import { getMyMenus } from "@/lib/services/me";

export const GET = route({ scope: "read", permission: null, keys: false }, ({ db, principal }) =>
  getMyMenus(db, principal),
);
