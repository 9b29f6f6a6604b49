import { route } from "@/lib/api/route";
import { listNavigationMenuItems } from "@/lib/services/navigation-catalog";
import { createMenuItem } from "@/lib/services/navigation-writes";
import { menuItemListQuery } from "@/lib/validation/catalog";
import { createMenuItemRequest } from "@/lib/validation/navigation";
import { created, MenuItemPage, MenuItemWritten, ok } from "@/lib/validation/responses";

export const GET = route(
  { responses: [ok(MenuItemPage)], scope: "read", permission: "gatehouse.permissions.view", query: menuItemListQuery },
  ({ ctx, query }) => listNavigationMenuItems(ctx, query),
);

// Menu items are the global navigation: platform super-admins only.
export const POST = route(
  {
    responses: [created(MenuItemWritten)],
    scope: "write",
    permission: "gatehouse.permissions.manage",
    body: createMenuItemRequest,
  },
  ({ ctx, body }) => createMenuItem(ctx, body),
);
