import { route } from "@/lib/api/route";
import { permissionGroups } from "@/lib/services/catalog";
import { catalogGroupQuery } from "@/lib/validation/catalog";

export const GET = route(
  { scope: "read", permission: "gatehouse.permissions.view", query: catalogGroupQuery },
  ({ db, principal, query }) => permissionGroups(db, principal, query.active_only),
);
