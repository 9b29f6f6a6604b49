import { route } from "@/lib/api/route";
import { getUserPermissionStats } from "@/lib/services/users";
import { ok, UserPermissionStats } from "@/lib/validation/responses";
import { userParams } from "@/lib/validation/users";

export const GET = route(
  { responses: [ok(UserPermissionStats)], scope: "read", permission: "gatehouse.users.view", params: userParams },
  ({ ctx, params }) => getUserPermissionStats(ctx, params.id),
);
