import "server-only";
import { forbidden } from "next/navigation";
import { ApiError } from "@/lib/errors";
import { andThen, type MaybePromise } from "@/lib/maybe-promise";
import { logDecision } from "@/lib/permissions/decision-log";
import type { DemoProductCode, GatehouseCode } from "@/lib/permissions/gatehouse-codes";
import { tenantDecisions } from "@/lib/permissions/server";
import type { DecisionContext } from "@/lib/permissions/types";
import type { Principal, Viewer } from "./principal";
import { requireViewer } from "./session";
import { mfaRequired, stepUpVerifiedAt } from "./step-up";

/**
 * The one gate. Every permission check of the application is one of these functions: the route
 * wrapper calls `authorize` for the route's declared permission, services call it again for what
 * they need (so a forgotten wrapper still fails closed), pages call `requirePagePermission`, and
 * menus and buttons ask `can`. All of them decide with the engine (lib/permissions), never with a
 * list of their own.
 */

/** A code the application itself requires: Gatehouse's own, or (for the demo routes) the demo product's. */
export type RequiredCode = GatehouseCode | DemoProductCode;

/**
 * Refuses (403 problem) unless the principal holds `code` in its tenant now.
 * - A signed-in user: decided by the engine for them; a permission that requires MFA also needs a
 *   step-up of this session within 15 minutes (`mfa_required`).
 * - An API key acts with its creator's authority, never more: its creator must hold `code` now
 *   (one who left the tenant, was disabled or was deleted holds nothing). A key cannot step up, so
 *   MFA is the creator's concern when they made the key.
 */
export function authorize(principal: Principal, code: RequiredCode): MaybePromise<void> {
  if (principal.kind === "api_key") {
    const { apiKey } = principal;
    const creator = apiKey.createdBy;
    // From memory when the creator's state is held (lib/maybe-promise.ts): the check path.
    return andThen(creator === null ? null : tenantDecisions(apiKey.tenantId, [creator]), (compiled) => {
      const decision = creator === null ? undefined : compiled?.decide(creator, code);
      if (decision?.granted) return;
      // The decision log: a refused action of a key, about the creator whose authority it uses.
      if (decision && creator !== null) logDecision(apiKey.tenantId, creator, code, decision, "action", apiKey.id);
      throw ApiError.forbidden(`The API key's creator no longer holds ${code}, so the key may not use this route.`, {
        missing_permission: code,
        key_creator_id: creator,
      });
    });
  }
  return authorizeMember(principal, code);
}

async function authorizeMember(principal: Principal & { kind: "user" }, code: RequiredCode): Promise<void> {
  if (!principal.tenantId)
    throw ApiError.forbidden(`Requires ${code}: you are not a member of any tenant.`, { missing_permission: code });
  const compiled = await tenantDecisions(principal.tenantId, [principal.userId]);
  const decision = compiled?.decide(principal.userId, code);
  if (decision) logDecision(principal.tenantId, principal.userId, code, decision, "action", null);
  if (!decision?.granted) throw ApiError.forbidden(`Requires the permission ${code}.`, { missing_permission: code });
  if (decision.requires_mfa && (await stepUpVerifiedAt(principal)) === null) throw mfaRequired(principal, code);
}

/** Whether the viewer holds `code` in their active tenant (no tenant: no). For menus, links and buttons. */
export async function can(viewer: Viewer, code: string, context?: DecisionContext): Promise<boolean> {
  if (!viewer.tenant) return false;
  const compiled = await tenantDecisions(viewer.tenant.id, [viewer.user.id]);
  return compiled?.decide(viewer.user.id, code, context).granted ?? false;
}

/** The viewer's effective permission codes in their active tenant, with the version they were decided at. */
export async function effectiveCodes(viewer: Viewer): Promise<{ codes: string[]; permVersion: number }> {
  if (!viewer.tenant) return { codes: [], permVersion: 0 };
  const compiled = await tenantDecisions(viewer.tenant.id, [viewer.user.id]);
  if (!compiled) return { codes: [], permVersion: 0 };
  return { codes: compiled.effectivePermissions(viewer.user.id).codes, permVersion: compiled.permVersion };
}

/**
 * The page guard: the signed-in viewer (else the sign-in page) must hold `code` in their active
 * tenant; otherwise `forbidden()` — a 403 rendered by app/forbidden.tsx at the page's own address.
 */
export async function requirePagePermission(code: RequiredCode): Promise<Viewer> {
  const viewer = await requireViewer();
  if (!(await pageDecision(viewer, code))) forbidden();
  return viewer;
}

/**
 * A page guard's decision for the viewer, recorded in the decision log as a `page` decision
 * (every denial; grants sampled). Menus and buttons (`can`) are not logged: they only hide.
 */
export async function pageDecision(viewer: Viewer, code: string): Promise<boolean> {
  if (!viewer.tenant) return false;
  const compiled = await tenantDecisions(viewer.tenant.id, [viewer.user.id]);
  const decision = compiled?.decide(viewer.user.id, code);
  if (!decision) return false;
  logDecision(viewer.tenant.id, viewer.user.id, code, decision, "page", null);
  return decision.granted;
}
