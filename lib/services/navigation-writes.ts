import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { findCatalogPermissionByCode, findModule } from "@/db/queries/catalog";
import { findMenuItem, moduleContents, plansIncluding, tenantModulesWithCode } from "@/db/queries/catalog-navigation";
import { menuItems, modules } from "@/db/schema";
import { tenantOf } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import type {
  CreateMenuItemRequest,
  CreateModuleRequest,
  UpdateMenuItemRequest,
  UpdateModuleRequest,
} from "@/lib/validation/navigation";
import { type CatalogContext, catalogWrite } from "./catalog-transaction";
import type { ServiceContext } from "./context";
import { menuItemBody, moduleBody } from "./navigation-catalog";
import { written } from "./written";

type ModuleRow = typeof modules.$inferSelect;
type MenuItemRow = typeof menuItems.$inferSelect;

/** A refusal of the domain that names the field it is about (a 422 with `errors`, like a 400's). */
const refusedField = (path: string, detail: string, extra: Record<string, unknown> = {}) =>
  new ApiError(422, "Refused by a rule of the domain", detail, extra, [{ path, message: detail }]);

/** Super-admins write the global catalog; a tenant admin (or a key) writes the tenant's own modules. */
const ownerFor = (ctx: ServiceContext) =>
  ctx.principal.kind === "user" && ctx.principal.isSuperAdmin ? "global" : "tenant";

/** A module the caller sees (global, or its tenant's own), or 404 — alike for unknown ids and another tenant's. */
async function visibleModuleOr404(ctx: ServiceContext, id: string) {
  const row = await findModule(ctx.db, id, tenantOf(ctx.principal));
  if (!row) throw ApiError.notFound("module");
  return row;
}

/** The row to write, locked and re-read in the transaction, in the catalog `c` writes. */
async function lockModule(c: CatalogContext, id: string) {
  const [row] = await c.tx.select().from(modules).where(eq(modules.id, id)).for("update");
  if (!row || row.tenantId !== c.owner) throw ApiError.notFound("module");
  return row;
}

/** Codes are unique per scope; a tenant's module may not reuse a global code, nor a global one shadow a tenant's. */
async function checkModuleCodeFree(c: CatalogContext, code: string) {
  const global = await findModule(c.tx, code, null);
  if (global && c.owner)
    throw refusedField("body.code", `${code} is a module of the global catalog: choose another code for yours.`, {
      module_id: global.id,
    });
  if (global) throw ApiError.conflict(`The global catalog already has a module ${code}.`, { module_id: global.id });
  const custom = await tenantModulesWithCode(c.tx, code);
  const own = custom.find((m) => m.tenantId === c.owner);
  if (c.owner && own) throw ApiError.conflict(`Your tenant already has a module ${code}.`, { module_id: own.id });
  if (!c.owner && custom.length)
    throw ApiError.conflict(
      `${custom.length} tenant${custom.length === 1 ? " has" : "s have"} a module ${code}: a global module may not shadow it.`,
      { tenant_count: custom.length },
    );
}

/** A parent in the same catalog (global under global, a tenant's under its own), never the module itself or below it. */
async function parentId(c: CatalogContext, ref: string | null | undefined, self?: string) {
  if (ref === undefined || ref === null) return ref;
  const [parent] = await c.tx.select().from(modules).where(eq(modules.id, ref));
  if (!parent || parent.tenantId !== c.owner)
    throw refusedField(
      "body.parent_id",
      c.owner ? "The parent must be one of your tenant's own modules." : "The parent must be a global module.",
    );
  if (self) {
    // Walk up from the new parent: meeting `self` would make a cycle.
    const all = await c.tx.select({ id: modules.id, parentId: modules.parentId }).from(modules);
    const up = new Map(all.map((m) => [m.id, m.parentId]));
    for (let at: string | null | undefined = parent.id, n = 0; at && n <= all.length; at = up.get(at), n++)
      if (at === self)
        throw refusedField("body.parent_id", "A module cannot be placed inside itself or its own children.");
  }
  return parent.id;
}

const moduleAudit = (m: ModuleRow) => ({
  code: m.code,
  name: m.name,
  description: m.description,
  parent_id: m.parentId,
  icon: m.icon,
  color: m.color,
  sort_order: m.sortOrder,
  is_active: m.isActive,
});

export async function createModule(ctx: ServiceContext, input: CreateModuleRequest) {
  const { result, permVersion } = await catalogWrite(ctx, ownerFor(ctx), "create global modules", async (c) => {
    await checkModuleCodeFree(c, input.code);
    const [row] = await c.tx
      .insert(modules)
      .values({
        tenantId: c.owner,
        code: input.code,
        name: input.name,
        description: input.description ?? null,
        parentId: (await parentId(c, input.parent_id)) ?? null,
        icon: input.icon ?? null,
        color: input.color ?? null,
        sortOrder: input.sort_order,
        isActive: input.is_active,
      })
      .returning();
    c.audit.push({ action: "module.created", targetType: "module", targetId: row!.id, after: moduleAudit(row!) });
    return row!;
  });
  return written(moduleBody(result), permVersion, { created: true });
}

export async function updateModule(ctx: ServiceContext, id: string, input: UpdateModuleRequest) {
  const found = await visibleModuleOr404(ctx, id);
  const owner = found.tenantId === null ? "global" : "tenant";
  const { result, permVersion } = await catalogWrite(ctx, owner, "edit global modules", async (c) => {
    const before = await lockModule(c, id);
    const next = {
      name: input.name ?? before.name,
      description: input.description === undefined ? before.description : input.description,
      parentId: input.parent_id === undefined ? before.parentId : await parentId(c, input.parent_id, id),
      icon: input.icon === undefined ? before.icon : input.icon,
      color: input.color === undefined ? before.color : input.color,
      sortOrder: input.sort_order ?? before.sortOrder,
      isActive: input.is_active ?? before.isActive,
    };
    // Every field as it was: nothing to write, audit or bump (DESIGN §6).
    if (Object.entries(next).every(([k, v]) => before[k as keyof typeof next] === v)) return before;
    const [after] = await c.tx.update(modules).set(next).where(eq(modules.id, id)).returning();
    c.audit.push({
      action: "module.updated",
      targetType: "module",
      targetId: id,
      before: moduleAudit(before),
      after: moduleAudit(after!),
    });
    return after!;
  });
  return written(moduleBody(result), permVersion);
}

/** Only an empty module is deleted: one that still holds permissions, menu items or modules is a 409. */
export async function deleteModule(ctx: ServiceContext, id: string) {
  const found = await visibleModuleOr404(ctx, id);
  const owner = found.tenantId === null ? "global" : "tenant";
  const { permVersion } = await catalogWrite(ctx, owner, "delete global modules", async (c) => {
    const before = await lockModule(c, id);
    const held = await moduleContents(c.tx, id);
    if (held.permissions || held.menu_items || held.children) {
      const parts = [
        held.permissions && `${held.permissions} permission${held.permissions === 1 ? "" : "s"}`,
        held.menu_items && `${held.menu_items} menu item${held.menu_items === 1 ? "" : "s"}`,
        held.children && `${held.children} module${held.children === 1 ? "" : "s"}`,
      ].filter(Boolean);
      throw ApiError.conflict(
        `${before.name} still holds ${parts.join(" and ")}: move or delete them first, or deactivate the module instead.`,
        held,
      );
    }
    await c.tx.delete(modules).where(eq(modules.id, id));
    c.audit.push({ action: "module.deleted", targetType: "module", targetId: id, before: moduleAudit(before) });
  });
  return written(null, permVersion);
}

// ---- menu items: the global navigation, super-admins only ----------------------------------------

/** A global module for a menu item to live in (a tenant's own module holds no navigation). */
async function globalModule(c: CatalogContext, id: string) {
  const [m] = await c.tx.select().from(modules).where(eq(modules.id, id));
  if (!m || m.tenantId !== null)
    throw refusedField("body.module_id", "No such module in the global catalog: menu items live in global modules.");
  return m;
}

/** The permission that shows the item: a code of the global catalog. */
async function checkPermissionCode(c: CatalogContext, code: string) {
  if (!(await findCatalogPermissionByCode(c.tx, null, code)))
    throw refusedField("body.permission_code", `${code} is not a permission of the global catalog.`, {
      unknown_codes: [code],
    });
}

/** Resource, route, and code within the module are each one item's: another item holding one is a 409. */
async function checkItemFree(
  c: CatalogContext,
  item: { moduleId: string; code: string; resource: string; route: string },
  self?: string,
) {
  const others = (cond: ReturnType<typeof eq>) =>
    c.tx
      .select({ id: menuItems.id, name: menuItems.name })
      .from(menuItems)
      .where(self ? and(cond, ne(menuItems.id, self)) : cond);
  const [byResource] = await others(eq(menuItems.resource, item.resource));
  if (byResource)
    throw ApiError.conflict(`${byResource.name} already owns the resource ${item.resource}.`, {
      menu_item_id: byResource.id,
    });
  const [byRoute] = await others(eq(menuItems.route, item.route));
  if (byRoute)
    throw ApiError.conflict(`${byRoute.name} already serves the route ${item.route}.`, { menu_item_id: byRoute.id });
  const [byCode] = await others(and(eq(menuItems.moduleId, item.moduleId), eq(menuItems.code, item.code))!);
  if (byCode) throw ApiError.conflict(`The module already has a menu item ${item.code}.`, { menu_item_id: byCode.id });
}

const itemAudit = (i: MenuItemRow) => ({
  module_id: i.moduleId,
  code: i.code,
  name: i.name,
  description: i.description,
  route: i.route,
  icon: i.icon,
  resource: i.resource,
  permission_code: i.permissionCode,
  sort_order: i.sortOrder,
  is_active: i.isActive,
});

const menuItemOr404 = async (c: CatalogContext, id: string) => {
  const [row] = await c.tx.select().from(menuItems).where(eq(menuItems.id, id)).for("update");
  if (!row) throw ApiError.notFound("menu item");
  return row;
};

export async function createMenuItem(ctx: ServiceContext, input: CreateMenuItemRequest) {
  const { result, permVersion } = await catalogWrite(ctx, "global", "edit the navigation", async (c) => {
    await globalModule(c, input.module_id);
    await checkPermissionCode(c, input.permission_code);
    await checkItemFree(c, { moduleId: input.module_id, ...input });
    const [row] = await c.tx
      .insert(menuItems)
      .values({
        moduleId: input.module_id,
        code: input.code,
        name: input.name,
        description: input.description ?? null,
        route: input.route,
        icon: input.icon ?? null,
        sortOrder: input.sort_order,
        resource: input.resource,
        permissionCode: input.permission_code,
        isActive: input.is_active,
      })
      .returning();
    c.audit.push({
      action: "menu_item.created",
      targetType: "menu_item",
      targetId: row!.id,
      permissionCode: row!.permissionCode ?? undefined,
      after: itemAudit(row!),
    });
    return (await findMenuItem(c.tx, row!.id))!;
  });
  return written(menuItemBody(result), permVersion, { created: true });
}

export async function updateMenuItem(ctx: ServiceContext, id: string, input: UpdateMenuItemRequest) {
  const { result, permVersion } = await catalogWrite(ctx, "global", "edit the navigation", async (c) => {
    const before = await menuItemOr404(c, id);
    const next = {
      moduleId: input.module_id ?? before.moduleId,
      name: input.name ?? before.name,
      description: input.description === undefined ? before.description : input.description,
      route: input.route ?? before.route,
      icon: input.icon === undefined ? before.icon : input.icon,
      sortOrder: input.sort_order ?? before.sortOrder,
      resource: input.resource ?? before.resource,
      permissionCode: input.permission_code ?? before.permissionCode,
      isActive: input.is_active ?? before.isActive,
    };
    if (Object.entries(next).every(([k, v]) => before[k as keyof typeof next] === v))
      return (await findMenuItem(c.tx, id))!;
    if (next.moduleId !== before.moduleId) await globalModule(c, next.moduleId);
    if (input.permission_code !== undefined) await checkPermissionCode(c, input.permission_code);
    await checkItemFree(
      c,
      { moduleId: next.moduleId, code: before.code, resource: next.resource, route: next.route },
      id,
    );
    const [after] = await c.tx.update(menuItems).set(next).where(eq(menuItems.id, id)).returning();
    c.audit.push({
      action: "menu_item.updated",
      targetType: "menu_item",
      targetId: id,
      permissionCode: after!.permissionCode ?? undefined,
      before: itemAudit(before),
      after: itemAudit(after!),
    });
    return (await findMenuItem(c.tx, id))!;
  });
  return written(menuItemBody(result), permVersion);
}

/** Deleting a menu item takes it out of every plan (cascade); the audit entry names those plans. */
export async function deleteMenuItem(ctx: ServiceContext, id: string) {
  const { permVersion } = await catalogWrite(ctx, "global", "edit the navigation", async (c) => {
    const before = await menuItemOr404(c, id);
    const plans = await plansIncluding(c.tx, id);
    await c.tx.delete(menuItems).where(eq(menuItems.id, id));
    c.audit.push({
      action: "menu_item.deleted",
      targetType: "menu_item",
      targetId: id,
      permissionCode: before.permissionCode ?? undefined,
      before: { ...itemAudit(before), plans },
      notes: plans.length ? `Removed from plans: ${plans.join(", ")}` : undefined,
    });
  });
  return written(null, permVersion);
}
