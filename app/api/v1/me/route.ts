import { route } from "@/lib/api/route";
import { getMe } from "@/lib/services/me";

export const GET = route({ scope: "read", permission: null, keys: false }, ({ db, principal }) => getMe(db, principal));
