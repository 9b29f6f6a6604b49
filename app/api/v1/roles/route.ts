import { route } from "@/lib/api/route";
import { listTenantRoles } from "@/lib/services/roles";
import { roleListQuery } from "@/lib/validation/roles";

export const GET = route({ scope: "read", permission: "gatehouse.roles.view", query: roleListQuery }, ({ db, principal, query }) => listTenantRoles(db, principal, query));
