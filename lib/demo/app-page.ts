import "server-only";
import { db } from "@/db";
import { listPlanRows } from "@/db/queries/plans";
import { requireViewer, type Viewer } from "@/lib/auth/session";
import { logDecision } from "@/lib/permissions/decision-log";
import type { CompiledTenant } from "@/lib/permissions/engine";
import { tenantDecisions } from "@/lib/permissions/server";

export interface AppPage {
  kind: "page";
  viewer: Viewer;
  /** The engine's answer for the viewer (no context): what the page may show. */
  can: (code: string) => boolean;
}
export interface UpgradeNeeded {
  kind: "upgrade";
  code: string;
  plan: { code: string; name: string } | null;
  currentPlan: string | null;
}
/** None of a page's permissions is held (and not for want of a plan): the page says which would open it. */
export interface NoAccess {
  kind: "denied";
  anyOf: readonly string[];
}

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
 * naming the plan that has it; any other denial a "denied" answer the page renders inside the
 * product's frame, naming the permission (NoAccessPanel).
 */
export async function appPage(permission: string): Promise<AppPage | UpgradeNeeded | NoAccess> {
  const viewer = await requireViewer();
  const compiled = viewer.tenant ? await tenantDecisions(viewer.tenant.id, [viewer.user.id]) : null;
  const decision = compiled?.decide(viewer.user.id, permission);
  if (decision && viewer.tenant) logDecision(viewer.tenant.id, viewer.user.id, permission, decision, "page", null);
  if (decision?.reason === "plan" && decision.via?.kind === "plan") {
    return {
      kind: "upgrade",
      code: permission,
      plan: await cheapestPlan(decision.via.plans),
      currentPlan: viewer.tenant?.planName ?? null,
    };
  }
  if (!decision?.granted) return { kind: "denied", anyOf: [permission] };
  return { kind: "page", viewer, can: canFor(compiled, viewer.user.id) };
}

/**
 * The guard of a page open to holders of any of `codes` (the field reports: each report is a
 * permission, the page opens for any of them, each panel gates itself). When the plan is the
 * only thing in the way of every one, the upgrade page; when none is held, a "denied" answer the
 * page renders naming all of them (the 403 page names a single permission).
 */
export async function appPageAny(codes: readonly string[]): Promise<AppPage | UpgradeNeeded | NoAccess> {
  const viewer = await requireViewer();
  const compiled = viewer.tenant ? await tenantDecisions(viewer.tenant.id, [viewer.user.id]) : null;
  const can = canFor(compiled, viewer.user.id);
  if (codes.some(can)) return { kind: "page", viewer, can };
  const decisions = codes.map((code) => compiled?.decide(viewer.user.id, code));
  decisions.forEach((d, i) => {
    if (d && viewer.tenant) logDecision(viewer.tenant.id, viewer.user.id, codes[i]!, d, "page", null);
  });
  const first = decisions[0];
  if (first && decisions.every((d) => d?.reason === "plan" && d.via?.kind === "plan") && first.via?.kind === "plan") {
    return {
      kind: "upgrade",
      code: codes[0]!,
      plan: await cheapestPlan(first.via.plans),
      currentPlan: viewer.tenant?.planName ?? null,
    };
  }
  return { kind: "denied", anyOf: codes };
}
