import { route } from "@/lib/api/route";
import { listNavigationMenuItems } from "@/lib/services/navigation-catalog";
import { menuItemListQuery } from "@/lib/validation/catalog";

export const GET = route(
  { scope: "read", permission: "gatehouse.permissions.view", query: menuItemListQuery },
  ({ db, principal, query }) => listNavigationMenuItems(db, principal, query),
);
