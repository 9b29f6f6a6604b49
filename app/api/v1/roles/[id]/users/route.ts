import { route } from "@/lib/api/route";
import { getTenantRoleUsers } from "@/lib/services/roles";
import { roleParams } from "@/lib/validation/roles";

export const GET = route(
  { scope: "read", permission: "gatehouse.roles.view", params: roleParams },
  ({ db, principal, params }) => getTenantRoleUsers(db, principal, params.id),
);
