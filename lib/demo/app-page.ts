import "server-only";
import { db } from "@/db";
import { listPlanRows } from "@/db/queries/plans";
import { requirePermission } from "@/lib/auth/guards";
import { type Viewer, requireViewer } from "@/lib/auth/session";
import type { CompiledTenant } from "@/lib/permissions/engine";
import { compiledTenant } from "@/lib/permissions/server";

export interface AppPage {
  kind: "page";
  viewer: Viewer;
  /** The engine's answer for the viewer (no context): what the page may show. */
  can: (code: string) => boolean;
}
export interface UpgradeNeeded { kind: "upgrade"; code: string; plan: { code: string; name: string } | null; currentPlan: string | null }

/** The engine's `can` for any member of a compiled tenant (the viewer, or the user an admin previews). */
export function canFor(compiled: CompiledTenant | null, userId: string) {
  return (code: string) => compiled?.decide(userId, code).granted ?? false;
}

/** The cheapest active plan among those the engine named for a plan denial. */
export async function cheapestPlan(codes: readonly string[]) {
  const plans = await listPlanRows(await db(), false);
  const p = plans.find((row) => codes.includes(row.code));
  return p ? { code: p.code, name: p.name } : null;
}

/**
 * The product pages' guard (the server side of every gate): the viewer must hold `permission` in
 * their active tenant. A permission the tenant's plan does not include answers an upgrade page
 * naming the plan that has it; any other denial is the 403 page naming the permission.
 */
export async function appPage(permission: string): Promise<AppPage | UpgradeNeeded> {
  const viewer = await requireViewer();
  const compiled = viewer.tenant ? await compiledTenant(viewer.tenant.id) : null;
  const decision = compiled?.decide(viewer.user.id, permission);
  if (decision?.reason === "plan" && decision.via?.kind === "plan") {
    return { kind: "upgrade", code: permission, plan: await cheapestPlan(decision.via.plans), currentPlan: viewer.tenant?.planName ?? null };
  }
  // The one page guard decides (and sends anyone else to the 403 page naming the permission).
  await requirePermission(permission);
  return { kind: "page", viewer, can: canFor(compiled, viewer.user.id) };
}
