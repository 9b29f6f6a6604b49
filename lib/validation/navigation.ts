import { z } from "zod";
import { permissionCode } from "./common";
import { isIconName } from "./icons";

/** Writes of the navigation catalog: modules (global, or a tenant's own) and menu items (global). */
export const moduleIdParams = z.strictObject({ id: z.uuid("Must be a module id (UUID)") });
export const menuItemIdParams = z.strictObject({ id: z.uuid("Must be a menu item id (UUID)") });

const text = (max: number) => z.string().trim().max(max);
const codeSegment = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, "Lowercase letters, digits and _, starting with a letter")
  .max(50);
const icon = z
  .string()
  .max(50)
  .refine(isIconName, "Not an icon of the catalog: pick a lucide icon name such as file-text")
  .nullable();
const color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, "A colour is #rrggbb")
  .nullable();
const sortOrder = z.number().int().min(-1_000_000).max(1_000_000);
/** A product path: `/sales/invoices`. No query, no fragment, no `..`. */
const productRoute = z
  .string()
  .max(200)
  .regex(
    /^(\/[a-z0-9][a-z0-9_-]*)+$/,
    "A path such as /sales/invoices: lowercase segments of letters, digits, - and _",
  );

const immutable = (what: string) =>
  z.never({ error: `A ${what}'s code is immutable: create a new one and delete this one` }).optional();

export const createModuleRequest = z.strictObject({
  code: codeSegment,
  name: text(200).min(1, "A module needs a name"),
  description: text(1000).nullable().optional(),
  parent_id: z.uuid("Must be a module id (UUID)").nullable().optional(),
  icon: icon.optional(),
  color: color.optional(),
  sort_order: sortOrder.optional().default(0),
  is_active: z.boolean().optional().default(true),
});

export const updateModuleRequest = z.strictObject({
  code: immutable("module"),
  name: text(200).min(1, "A module needs a name").optional(),
  description: text(1000).nullable().optional(),
  parent_id: z.uuid("Must be a module id (UUID)").nullable().optional(),
  icon: icon.optional(),
  color: color.optional(),
  sort_order: sortOrder.optional(),
  is_active: z.boolean().optional(),
});

export const createMenuItemRequest = z.strictObject({
  module_id: z.uuid("Must be a module id (UUID)"),
  code: codeSegment,
  name: text(200).min(1, "A menu item needs a name"),
  description: text(1000).nullable().optional(),
  route: productRoute,
  icon: icon.optional(),
  sort_order: sortOrder.optional().default(0),
  resource: permissionCode,
  permission_code: permissionCode,
  is_active: z.boolean().optional().default(true),
});

export const updateMenuItemRequest = z.strictObject({
  code: immutable("menu item"),
  module_id: z.uuid("Must be a module id (UUID)").optional(),
  name: text(200).min(1, "A menu item needs a name").optional(),
  description: text(1000).nullable().optional(),
  route: productRoute.optional(),
  icon: icon.optional(),
  sort_order: sortOrder.optional(),
  resource: permissionCode.optional(),
  permission_code: permissionCode.optional(),
  is_active: z.boolean().optional(),
});

export type CreateModuleRequest = z.infer<typeof createModuleRequest>;
export type UpdateModuleRequest = z.infer<typeof updateModuleRequest>;
export type CreateMenuItemRequest = z.infer<typeof createMenuItemRequest>;
export type UpdateMenuItemRequest = z.infer<typeof updateMenuItemRequest>;
