import { route } from "@/lib/api/route";
import { listNavigationMenuItems } from "@/lib/services/navigation-catalog";
import { menuItemListQuery } from "@/lib/validation/catalog";
import { MenuItemPage, ok } from "@/lib/validation/responses";

export const GET = route(
  { responses: [ok(MenuItemPage)], scope: "read", permission: "gatehouse.permissions.view", query: menuItemListQuery },
  ({ ctx, query }) => listNavigationMenuItems(ctx, query),
);
