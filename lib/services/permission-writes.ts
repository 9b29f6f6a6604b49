import "server-only";
import { eq } from "drizzle-orm";
import {
  findCatalogPermission,
  findCatalogPermissionByCode,
  findModule,
  tenantPermissionsWithCode,
} from "@/db/queries/catalog";
import { permissions, roleGrants, userOverrides } from "@/db/schema";
import { tenantOf } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import type { CreatePermissionRequest, UpdatePermissionRequest } from "@/lib/validation/catalog";
import { catalogPermissionOr404, permissionBody } from "./catalog";
import { type CatalogContext, catalogWrite } from "./catalog-transaction";
import type { ServiceContext } from "./context";
import { written } from "./written";

type PermissionRow = typeof permissions.$inferSelect;

async function moduleId(ctx: CatalogContext, ref: string | null | undefined) {
  if (ref === undefined || ref === null) return ref;
  const m = await findModule(ctx.tx, ref, ctx.owner);
  if (!m) throw ApiError.unprocessable(`Unknown module "${ref}".`, { unknown_module: ref });
  return m.id;
}

/** The replacement of a deprecated permission: in the same catalog (a global one: global), another permission. */
async function replacementId(
  ctx: CatalogContext,
  code: string | null | undefined,
  selfCode: string,
  deprecated: boolean,
) {
  if (code === undefined || code === null) return code;
  if (!deprecated)
    throw ApiError.unprocessable("Only a deprecated permission has a replacement: send deprecated: true with it.");
  if (code === selfCode) throw ApiError.unprocessable("A permission cannot be its own replacement.");
  const row = await findCatalogPermissionByCode(ctx.tx, ctx.owner, code);
  if (!row)
    throw ApiError.unprocessable(
      `The replacement ${code} is not in the ${ctx.owner ? "tenant's" : "global"} catalog.`,
      { unknown_codes: [code] },
    );
  return row.permission.id;
}

/** §3.1: codes are unique per scope, and a tenant's custom permission may not reuse a global code. */
async function checkCodeFree(ctx: CatalogContext, code: string) {
  const global = await findCatalogPermissionByCode(ctx.tx, null, code);
  if (ctx.owner && global)
    throw ApiError.unprocessable(
      `${code} is a code of the global catalog: a tenant's custom permission may not reuse it. Choose another code.`,
      { permission_id: global.permission.id },
    );
  if (global)
    throw ApiError.conflict(`The global catalog already has ${code}.`, { permission_id: global.permission.id });
  const custom = await tenantPermissionsWithCode(ctx.tx, code);
  const clash = ctx.owner ? custom.find((c) => c.tenantId === ctx.owner) : custom[0];
  if (clash && ctx.owner)
    throw ApiError.conflict(`Your tenant already has a permission ${code}.`, { permission_id: clash.id });
  if (clash)
    throw ApiError.conflict(
      `${custom.length} tenant${custom.length === 1 ? " has" : "s have"} a custom permission ${code}: a global code may not shadow it.`,
      { tenant_count: custom.length },
    );
}

const auditView = (p: PermissionRow) => ({
  code: p.code,
  name: p.name,
  description: p.description,
  module_id: p.moduleId,
  category: p.category,
  resource: p.resource,
  action: p.action,
  risk_level: p.riskLevel,
  requires_mfa: p.requiresMfa,
  requires_approval: p.requiresApproval,
  is_active: p.isActive,
  deprecated: p.deprecated,
  deprecated_message: p.deprecatedMessage,
  replacement_id: p.replacementId,
  sort_order: p.sortOrder,
});

/** Super-admins write the global catalog; everyone else (tenant admins, API keys) their tenant's own. */
export async function createPermission(ctx: ServiceContext, input: CreatePermissionRequest) {
  const { principal } = ctx;
  const owner = principal.kind === "user" && principal.isSuperAdmin ? "global" : "tenant";
  const { result, permVersion } = await catalogWrite(ctx, owner, "create global permissions", (ctx) =>
    insertPermission(ctx, input),
  );
  return written(permissionBody(result), permVersion, { created: true });
}

/** Creates a permission in the catalog `ctx` writes (a tenant's own, or the global one). */
export async function insertPermission(ctx: CatalogContext, input: CreatePermissionRequest) {
  await checkCodeFree(ctx, input.code);
  const [row] = await ctx.tx
    .insert(permissions)
    .values({
      tenantId: ctx.owner,
      code: input.code,
      name: input.name,
      description: input.description ?? null,
      moduleId: (await moduleId(ctx, input.module_id !== undefined ? input.module_id : input.module)) ?? null,
      category: input.category,
      resource: input.resource ?? null,
      action: input.action ?? null,
      riskLevel: input.risk_level,
      requiresMfa: input.requires_mfa,
      requiresApproval: input.requires_approval,
      isActive: input.is_active,
      deprecated: input.deprecated,
      deprecatedMessage: input.deprecated_message ?? null,
      replacementId: (await replacementId(ctx, input.replacement, input.code, input.deprecated)) ?? null,
      sortOrder: input.sort_order,
    })
    .returning();
  ctx.audit.push({
    action: "permission.created",
    targetType: "permission",
    targetId: row!.id,
    permissionCode: row!.code,
    after: auditView(row!),
  });
  return (await findCatalogPermission(ctx.tx, ctx.owner, row!.id))!;
}

/** The row to write, locked, re-read inside the transaction; system permissions are read-only (§3.5). */
async function lockPermission(ctx: CatalogContext, id: string) {
  const [row] = await ctx.tx.select().from(permissions).where(eq(permissions.id, id)).for("update");
  if (!row || row.tenantId !== ctx.owner) throw ApiError.notFound("permission");
  if (row.isSystem)
    throw ApiError.unprocessable(`${row.code} is a system permission: it cannot be edited or deleted.`, {
      permission_id: row.id,
    });
  return row;
}

const ownerOf = (row: { permission: PermissionRow }) => (row.permission.tenantId === null ? "global" : "tenant");

export async function updatePermission(ctx: ServiceContext, id: string, input: UpdatePermissionRequest) {
  const { db, principal } = ctx;
  const found = await catalogPermissionOr404(db, tenantOf(principal), id);
  const { result, permVersion } = await catalogWrite(ctx, ownerOf(found), "edit global permissions", (ctx) =>
    changePermission(ctx, id, input),
  );
  return written(permissionBody(result), permVersion);
}

/** Changes a permission of the catalog `ctx` writes; system permissions are refused (§3.5). */
export async function changePermission(ctx: CatalogContext, id: string, input: UpdatePermissionRequest) {
  const before = await lockPermission(ctx, id);
  const deprecated = input.deprecated ?? before.deprecated;
  // Un-deprecating clears the replacement and its message; a replacement needs deprecated.
  if (input.replacement && !deprecated) await replacementId(ctx, input.replacement, before.code, false);
  const replacement = !deprecated
    ? null
    : input.replacement === undefined
      ? before.replacementId
      : await replacementId(ctx, input.replacement, before.code, deprecated);
  const next = {
    name: input.name ?? before.name,
    description: input.description === undefined ? before.description : input.description,
    moduleId:
      input.module_id !== undefined
        ? await moduleId(ctx, input.module_id)
        : input.module === undefined
          ? before.moduleId
          : await moduleId(ctx, input.module),
    category: input.category ?? before.category,
    resource: input.resource === undefined ? before.resource : input.resource,
    action: input.action === undefined ? before.action : input.action,
    riskLevel: input.risk_level ?? before.riskLevel,
    requiresMfa: input.requires_mfa ?? before.requiresMfa,
    requiresApproval: input.requires_approval ?? before.requiresApproval,
    isActive: input.is_active ?? before.isActive,
    deprecated,
    replacementId: replacement,
    deprecatedMessage: !deprecated
      ? null
      : input.deprecated_message === undefined
        ? before.deprecatedMessage
        : input.deprecated_message,
    sortOrder: input.sort_order ?? before.sortOrder,
  };
  // Every field as it was: nothing to write, audit or bump.
  if (Object.entries(next).every(([k, v]) => before[k as keyof typeof next] === v))
    return (await findCatalogPermission(ctx.tx, ctx.owner, id))!;
  const [after] = await ctx.tx
    .update(permissions)
    .set({ ...next, updatedAt: new Date() })
    .where(eq(permissions.id, id))
    .returning();
  ctx.audit.push({
    action: "permission.updated",
    targetType: "permission",
    targetId: id,
    permissionCode: before.code,
    before: auditView(before),
    after: auditView(after!),
  });
  return (await findCatalogPermission(ctx.tx, ctx.owner, id))!;
}

/** Deleting drops the permission's grants and overrides with it (cascade): counted in the audit entry. */
export async function deletePermission(ctx: ServiceContext, id: string) {
  const { db, principal } = ctx;
  const found = await catalogPermissionOr404(db, tenantOf(principal), id);
  const { permVersion } = await catalogWrite(ctx, ownerOf(found), "delete global permissions", (ctx) =>
    removePermission(ctx, id),
  );
  return written(null, permVersion);
}

/** Deletes a permission of the catalog `ctx` writes, with its grants and overrides (counted in the audit). */
export async function removePermission(ctx: CatalogContext, id: string) {
  const before = await lockPermission(ctx, id);
  const grants = await ctx.tx.$count(roleGrants, eq(roleGrants.permissionId, id));
  const overrides = await ctx.tx.$count(userOverrides, eq(userOverrides.permissionId, id));
  await ctx.tx.delete(permissions).where(eq(permissions.id, id));
  ctx.audit.push({
    action: "permission.deleted",
    targetType: "permission",
    targetId: id,
    permissionCode: before.code,
    before: { ...auditView(before), grant_count: grants, override_count: overrides },
  });
}
