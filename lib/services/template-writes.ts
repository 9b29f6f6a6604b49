import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { catalogByCodes } from "@/db/queries/catalog";
import { currentPermVersion } from "@/db/queries/perm-version";
import { templateEntries, templateNamed } from "@/db/queries/templates";
import { templatePermissions, templates } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import { tenantOf } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import type { CreateTemplateRequest, UpdateTemplateRequest } from "@/lib/validation/templates";
import { appendAudit, refuse } from "./audit-chain";
import type { ServiceContext } from "./context";
import { MANAGE_TEMPLATES, templateBody, templateOr404 } from "./templates";
import { requireHolds, type WriteContext, writeState } from "./write-transaction";
import { written } from "./written";

export type TemplateContext = WriteContext & { owner: string | null };

/** Templates of one scope are written under that scope's lock (names are unique per scope). */
const lockTemplates = (tx: Tx, owner: string | null) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`template:${owner ?? "global"}`}))`);

/** The tenant's own templates, written inside a write that already holds the tenant's permission lock. */
export async function tenantTemplates(w: WriteContext): Promise<TemplateContext> {
  await lockTemplates(w.tx, w.tenantId);
  return { ...w, owner: w.tenantId };
}

const superAdminOnly = () =>
  ApiError.forbidden(
    "Only a platform super-admin may create, edit or delete global templates: every tenant sees them.",
    { required: "super-admin" },
  );

/**
 * A template changes no decision (applying one does), so it bumps no perm_version; but what it
 * allows is checked like a grant (§3.5: nobody puts in a template what they do not hold), on the
 * caller's tenant's state read inside the transaction. Names are unique per scope, checked under
 * a lock on that scope. Audited in the tenant's chain, or the platform's for a global template.
 */
async function templateWrite<T>(
  ctx: ServiceContext,
  owner: string | null,
  fn: (ctx: TemplateContext) => Promise<T>,
): Promise<T> {
  const { db, principal, meta } = ctx;
  await authorize(principal, MANAGE_TEMPLATES);
  const tenantId = tenantOf(principal);
  if (owner === null && (principal.kind !== "user" || !principal.isSuperAdmin)) return refuse(ctx, superAdminOnly());
  try {
    return await db.transaction(async (tx) => {
      await lockTemplates(tx, owner);
      const ctx: TemplateContext = { ...(await writeState(tx, tenantId, principal)), audit: [], owner };
      const result = await fn(ctx);
      await appendAudit(tx, owner, principal, meta, ctx.audit);
      return result;
    });
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) await refuse(ctx, error);
    throw error;
  }
}

/** Writes the `{code: effect}` set: codes of the scope's catalog (a global template: global codes), allow codes held. */
async function setEntries(ctx: TemplateContext, templateId: string, entries: Record<string, "allow" | "deny">) {
  const codes = Object.keys(entries);
  const found = await catalogByCodes(ctx.tx, ctx.owner, codes);
  const unknown = codes.filter((c) => !found.some((p) => p.code === c));
  if (unknown.length)
    throw ApiError.unprocessable(`Unknown permission codes: ${unknown.join(", ")}.`, { unknown_codes: unknown });
  requireHolds(
    ctx,
    codes.filter((c) => entries[c] === "allow"),
  );
  await ctx.tx.delete(templatePermissions).where(eq(templatePermissions.templateId, templateId));
  if (found.length)
    await ctx.tx
      .insert(templatePermissions)
      .values(found.map((p) => ({ templateId, permissionId: p.id, effect: entries[p.code]! })));
}

async function nameFree(ctx: TemplateContext, name: string, exceptId: string | null) {
  const row = await templateNamed(ctx.tx, ctx.owner, name);
  if (row && row.id !== exceptId)
    throw ApiError.conflict(`A ${ctx.owner ? "" : "global "}template named "${name}" already exists.`, {
      template_id: row.id,
    });
}

/** `global: true` (super-admins only) makes a global template; otherwise the caller's tenant's own. */
export async function createTemplate(ctx: ServiceContext, input: CreateTemplateRequest) {
  const { principal } = ctx;
  const owner = input.global ? null : tenantOf(principal);
  const body = await templateWrite(ctx, owner, (ctx) => insertTemplate(ctx, input));
  return written(body, await currentPermVersion(ctx.db, tenantOf(ctx.principal)), { created: true });
}

/** Creates a template in the scope `ctx` writes; what it allows is checked like a grant. */
export async function insertTemplate(ctx: TemplateContext, input: Omit<CreateTemplateRequest, "global">) {
  const { principal } = ctx;
  await nameFree(ctx, input.name, null);
  const [row] = await ctx.tx
    .insert(templates)
    .values({
      tenantId: ctx.owner,
      name: input.name,
      description: input.description ?? null,
      createdBy: principal.userId,
    })
    .returning();
  await setEntries(ctx, row!.id, input.permissions);
  ctx.audit.push({
    action: "template.created",
    targetType: "template",
    targetId: row!.id,
    after: { name: row!.name, description: row!.description, permissions: input.permissions },
  });
  return templateBody(row!, await templateEntries(ctx.tx, [row!.id]));
}

const entriesOf = async (ctx: TemplateContext, id: string) =>
  Object.fromEntries((await templateEntries(ctx.tx, [id])).map((e) => [e.code, e.effect]));

/** Another tenant's template is a 404; a global one needs a super-admin (403). */
export async function updateTemplate(ctx: ServiceContext, id: string, input: UpdateTemplateRequest) {
  const { db, principal } = ctx;
  const found = await templateOr404(db, tenantOf(principal), id);
  const body = await templateWrite(ctx, found.tenantId, (ctx) => changeTemplate(ctx, id, input));
  return written(body, await currentPermVersion(db, tenantOf(principal)));
}

/** Changes a template of the scope `ctx` writes. */
export async function changeTemplate(ctx: TemplateContext, id: string, input: UpdateTemplateRequest) {
  const [before] = await ctx.tx.select().from(templates).where(eq(templates.id, id)).for("update");
  if (!before) throw ApiError.notFound("template");
  if (input.name !== undefined) await nameFree(ctx, input.name, id);
  const oldEntries = await entriesOf(ctx, id);
  const [after] = await ctx.tx
    .update(templates)
    .set({
      name: input.name ?? before.name,
      description: input.description === undefined ? before.description : input.description,
      updatedAt: new Date(),
    })
    .where(eq(templates.id, id))
    .returning();
  if (input.permissions) await setEntries(ctx, id, input.permissions);
  ctx.audit.push({
    action: "template.updated",
    targetType: "template",
    targetId: id,
    before: { name: before.name, description: before.description, permissions: oldEntries },
    after: { name: after!.name, description: after!.description, permissions: input.permissions ?? oldEntries },
  });
  return templateBody(after!, await templateEntries(ctx.tx, [id]));
}

export async function deleteTemplate(ctx: ServiceContext, id: string) {
  const { db, principal } = ctx;
  const found = await templateOr404(db, tenantOf(principal), id);
  await templateWrite(ctx, found.tenantId, (ctx) => removeTemplate(ctx, id));
  return written(null, await currentPermVersion(db, tenantOf(principal)));
}

/** Deletes a template of the scope `ctx` writes. */
export async function removeTemplate(ctx: TemplateContext, id: string) {
  const before = await entriesOf(ctx, id);
  const [row] = await ctx.tx.delete(templates).where(eq(templates.id, id)).returning();
  if (!row) throw ApiError.notFound("template");
  ctx.audit.push({
    action: "template.deleted",
    targetType: "template",
    targetId: id,
    before: { name: row.name, description: row.description, permissions: before },
  });
}
