import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { bumpPermVersion, currentPermVersion } from "@/db/queries/perm-version";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import { permissionCache } from "@/lib/permissions/server";
import { type AuditInput, appendAudit, refuse } from "./audit-chain";
import type { ServiceContext } from "./context";
import { permissionWrite, type WriteContext } from "./write-transaction";

export const MANAGE_PERMISSIONS = "gatehouse.permissions.manage";

export interface CatalogContext {
  tx: Tx;
  /** Whose catalog is written: null = the global one. */
  owner: string | null;
  /** The caller's tenant (a super-admin's too): the catalog it sees is checked against. */
  tenantId: string;
  principal: Principal;
  audit: AuditInput[];
}

/**
 * Global catalog writes serialise on one key; a tenant's catalog writes take it shared, so a
 * global code and a tenant's custom code cannot be created equal at the same moment, while
 * tenants never wait on each other.
 */
const lockCatalog = (tx: Tx, mode: "shared" | "exclusive") =>
  tx.execute(
    mode === "shared"
      ? sql`select pg_advisory_xact_lock_shared(hashtext('perm:catalog'))`
      : sql`select pg_advisory_xact_lock(hashtext('perm:catalog'))`,
  );

/** A tenant's own catalog, written inside a permission write (`permissionWrite`) that already holds the tenant's lock. */
export async function tenantCatalog(w: WriteContext): Promise<CatalogContext> {
  await lockCatalog(w.tx, "shared");
  return { tx: w.tx, owner: w.tenantId, tenantId: w.tenantId, principal: w.principal, audit: w.audit };
}

export function superAdminOnly(what: string) {
  return ApiError.forbidden(`Only a platform super-admin may ${what}: the global catalog is shared by every tenant.`, {
    required: "super-admin",
  });
}

/**
 * Every catalog write runs here. A tenant's own permission: inside `permissionWrite` (the tenant's
 * lock, audit and perm_version). A global one (super-admins only): one transaction under the
 * global catalog lock, audited in the platform chain (tenant null), bumping every tenant's
 * perm_version, since any tenant's decisions may change. Answers the caller's tenant's version.
 */
export async function catalogWrite<T>(
  ctx: ServiceContext,
  owner: "global" | "tenant",
  what: string,
  fn: (ctx: CatalogContext) => Promise<T>,
) {
  const { db, principal, meta } = ctx;
  await authorize(principal, MANAGE_PERMISSIONS);
  if (!principal.tenantId) throw ApiError.forbidden("You are not a member of any tenant.");
  const tenantId = principal.tenantId;
  if (owner === "tenant") {
    return permissionWrite(ctx, async (w) => fn(await tenantCatalog(w)));
  }
  if (principal.kind !== "user" || !principal.isSuperAdmin) return refuse(ctx, superAdminOnly(what));
  const written = await db.transaction(async (tx) => {
    await lockCatalog(tx, "exclusive");
    const ctx: CatalogContext = { tx, owner: null, tenantId, principal, audit: [] };
    const result = await fn(ctx);
    // As in permissionWrite: no audit entry, no change, so nothing is bumped (DESIGN §6).
    const changed = ctx.audit.length > 0;
    if (changed) {
      await appendAudit(tx, null, principal, meta, ctx.audit);
      await bumpPermVersion(tx, "all");
    }
    return { result, permVersion: (await currentPermVersion(tx, tenantId)) ?? 0, changed };
  });
  // Read-your-writes on this instance without waiting for the NOTIFY round trip.
  if (written.changed) (await permissionCache()).onNotify(JSON.stringify({ all: true }));
  return { result: written.result, permVersion: written.permVersion };
}
