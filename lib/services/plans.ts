import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { bumpPermVersion, currentPermVersion } from "@/db/queries/perm-version";
import {
  allMenuItemIds,
  findPlan,
  findPlanByCode,
  includedMenuItems,
  listPlanRows,
  type PlanRow,
  replacePlanFeatures,
} from "@/db/queries/plans";
import { tenantIdsOnPlan } from "@/db/queries/tenants";
import { plans } from "@/db/schema";
import { ApiError } from "@/lib/errors";
import { permissionCache } from "@/lib/permissions/server";
import type { CreatePlanRequest, UpdatePlanRequest } from "@/lib/validation/plans";
import { type AuditInput, appendAudit } from "./audit-chain";
import type { ServiceContext } from "./context";
import { requireSuperAdminToWrite } from "./tenants";
import { written } from "./written";

type Item = Awaited<ReturnType<typeof includedMenuItems>>[number];
const planBody = (p: PlanRow, items: Item[]) => ({
  id: p.id,
  code: p.code,
  name: p.name,
  description: p.description,
  price_monthly: p.priceMonthly,
  price_yearly: p.priceYearly,
  is_active: p.isActive,
  sort_order: p.sortOrder,
  menu_items: items
    .filter((i) => i.planId === p.id)
    .map((i) => ({ id: i.id, code: i.code, name: i.name, resource: i.resource, route: i.route })),
});
const fields = (p: PlanRow) => ({
  code: p.code,
  name: p.name,
  description: p.description,
  price_monthly: p.priceMonthly,
  price_yearly: p.priceYearly,
  is_active: p.isActive,
  sort_order: p.sortOrder,
});

/**
 * Plans are the product's price list: any signed-in member (or API key with `read`) may read the
 * active ones — the sidebar's upgrade prompts name them. A super-admin also sees inactive plans.
 */
export async function listPlans(ctx: ServiceContext) {
  const { db, principal } = ctx;
  const rows = await listPlanRows(db, principal.isSuperAdmin);
  const items = await includedMenuItems(
    db,
    rows.map((p) => p.id),
  );
  return { data: rows.map((p) => planBody(p, items)), next_cursor: null };
}

export async function getPlan(ctx: ServiceContext, id: string) {
  const { db, principal } = ctx;
  const plan = await findPlan(db, id);
  if (!plan || (!plan.isActive && !principal.isSuperAdmin)) throw ApiError.notFound("plan");
  return planBody(plan, await includedMenuItems(db, [id]));
}

/**
 * One platform write: plan writes serialise on one advisory lock, are audited in the platform
 * chain (tenant_id null), and — when they can alter a decision — bump every tenant's perm_version
 * in the same transaction. Every tenant, not only the plan's own: a plan denial names the plans
 * that include the item (`via.plans`), so a feature or code change alters decisions elsewhere too.
 */
async function planWrite(
  ctx: ServiceContext,
  fn: (tx: Tx, audit: AuditInput[]) => Promise<{ plan: PlanRow; altersDecisions: boolean }>,
  options: { created?: boolean } = {},
) {
  await requireSuperAdminToWrite(ctx);
  const { db, principal, meta } = ctx;
  const result = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('perm:plans'))`);
    const audit: AuditInput[] = [];
    const { plan, altersDecisions } = await fn(tx, audit);
    await appendAudit(tx, null, principal, meta, audit);
    if (altersDecisions) await bumpPermVersion(tx, "all");
    const affected = (await tenantIdsOnPlan(tx, plan.id)).length;
    const permVersion = principal.tenantId ? await currentPermVersion(tx, principal.tenantId) : null;
    return { plan, altersDecisions, affected, permVersion };
  });
  // Read-your-writes on this instance without waiting for the NOTIFY round trip.
  if (result.altersDecisions) (await permissionCache()).onNotify(JSON.stringify({ all: true }));
  const body = {
    ...planBody(result.plan, await includedMenuItems(db, [result.plan.id])),
    tenants_affected: result.affected,
  };
  // A super-admin outside any tenant has no perm_version to be told (null, and no header).
  return written(body, result.permVersion, options);
}

async function codeFree(tx: Tx, code: string, exceptId: string | null) {
  const other = await findPlanByCode(tx, code);
  if (other && other.id !== exceptId)
    throw ApiError.conflict(`A plan with the code "${code}" already exists.`, { code });
}

/** A new plan includes nothing yet and no tenant is on it: no decision changes. */
export async function createPlan(ctx: ServiceContext, input: CreatePlanRequest) {
  return planWrite(
    ctx,
    async (tx, audit) => {
      await codeFree(tx, input.code, null);
      const [plan] = await tx
        .insert(plans)
        .values({
          code: input.code,
          name: input.name,
          description: input.description ?? null,
          priceMonthly: input.price_monthly,
          priceYearly: input.price_yearly,
          isActive: input.is_active,
          sortOrder: input.sort_order,
        })
        .returning();
      audit.push({ action: "plan.created", targetType: "plan", targetId: plan!.id, after: fields(plan!) });
      return { plan: plan!, altersDecisions: false };
    },
    { created: true },
  );
}

/** Prices, description and order decide nothing; code, name and active do (plan gates and their explanations). */
export async function updatePlan(ctx: ServiceContext, id: string, input: UpdatePlanRequest) {
  return planWrite(ctx, async (tx, audit) => {
    const [before] = await tx.select().from(plans).where(eq(plans.id, id)).for("update");
    if (!before) throw ApiError.notFound("plan");
    if (input.code !== undefined) await codeFree(tx, input.code, id);
    const [after] = await tx
      .update(plans)
      .set({
        code: input.code ?? before.code,
        name: input.name ?? before.name,
        description: input.description === undefined ? before.description : input.description,
        priceMonthly: input.price_monthly ?? before.priceMonthly,
        priceYearly: input.price_yearly ?? before.priceYearly,
        isActive: input.is_active ?? before.isActive,
        sortOrder: input.sort_order ?? before.sortOrder,
      })
      .where(eq(plans.id, id))
      .returning();
    audit.push({
      action: "plan.updated",
      targetType: "plan",
      targetId: id,
      before: fields(before),
      after: fields(after!),
    });
    return {
      plan: after!,
      altersDecisions:
        after!.code !== before.code || after!.name !== before.name || after!.isActive !== before.isActive,
    };
  });
}

/** The listed menu items are included, every other one excluded; an unknown id refuses the whole change. */
export async function setPlanFeatures(ctx: ServiceContext, id: string, menuItemIds: string[]) {
  return planWrite(ctx, async (tx, audit) => {
    const [plan] = await tx.select().from(plans).where(eq(plans.id, id)).for("update");
    if (!plan) throw ApiError.notFound("plan");
    const items = await allMenuItemIds(tx);
    const codeOf = new Map(items.map((i) => [i.id, i.code]));
    const unknown = menuItemIds.filter((m) => !codeOf.has(m));
    if (unknown.length)
      throw ApiError.unprocessable(`Unknown menu items: ${unknown.join(", ")}.`, { unknown_menu_item_ids: unknown });
    const before = new Set((await includedMenuItems(tx, [id])).map((i) => i.id));
    const wanted = new Set(menuItemIds);
    await replacePlanFeatures(
      tx,
      id,
      items.map((i) => i.id),
      wanted,
    );
    const added = menuItemIds
      .filter((m) => !before.has(m))
      .map((m) => codeOf.get(m)!)
      .sort();
    const removed = [...before]
      .filter((m) => !wanted.has(m))
      .map((m) => codeOf.get(m)!)
      .sort();
    if (added.length || removed.length)
      audit.push({
        action: "plan.features.updated",
        targetType: "plan",
        targetId: id,
        before: { included: [...before].map((m) => codeOf.get(m)!).sort() },
        after: { added, removed },
      });
    return { plan, altersDecisions: added.length > 0 || removed.length > 0 };
  });
}
