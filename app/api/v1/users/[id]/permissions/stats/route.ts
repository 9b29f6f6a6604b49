import { route } from "@/lib/api/route";
import { getUserPermissionStats } from "@/lib/services/users";
import { userParams } from "@/lib/validation/users";

export const GET = route(
  { scope: "read", permission: "gatehouse.users.view", params: userParams },
  ({ db, principal, params }) => getUserPermissionStats(db, principal, params.id),
);
