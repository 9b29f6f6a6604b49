import { route } from "@/lib/api/route";
import { deleteMenuItem, updateMenuItem } from "@/lib/services/navigation-writes";
import { menuItemIdParams, updateMenuItemRequest } from "@/lib/validation/navigation";
import { MenuItemWritten, noContent, ok } from "@/lib/validation/responses";

export const PATCH = route(
  {
    responses: [ok(MenuItemWritten, "Updated")],
    scope: "write",
    permission: "gatehouse.permissions.manage",
    params: menuItemIdParams,
    body: updateMenuItemRequest,
  },
  ({ ctx, params, body }) => updateMenuItem(ctx, params.id, body),
);

export const DELETE = route(
  {
    responses: [noContent("Deleted, and taken out of every plan that included it")],
    scope: "write",
    permission: "gatehouse.permissions.manage",
    params: menuItemIdParams,
  },
  ({ ctx, params }) => deleteMenuItem(ctx, params.id),
);
