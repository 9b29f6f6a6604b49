import { route } from "@/lib/api/route";
import { getTenantRole } from "@/lib/services/roles";
import { roleParams } from "@/lib/validation/roles";

export const GET = route({ scope: "read", permission: "gatehouse.roles.view", params: roleParams }, ({ db, principal, params }) => getTenantRole(db, principal, params.id));
