import { and, count, countDistinct, eq, isNull, or } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { apiKeys, permissions, templates, userOverrides } from "../schema";

/**
 * The rest of the console overview's numbers (tenantOverview has roles, members and pending
 * approvals): the catalog the tenant can grant and how much of it is its own, the users with
 * overrides, the templates it can apply and its active API keys. Read-only.
 */
export async function consoleOverviewCounts(db: DbOrTx, tenantId: string) {
  const [[catalog], [custom], [overridden], [tpl], [keys]] = await Promise.all([
    db
      .select({ n: count() })
      .from(permissions)
      .where(or(isNull(permissions.tenantId), eq(permissions.tenantId, tenantId))),
    db.select({ n: count() }).from(permissions).where(eq(permissions.tenantId, tenantId)),
    db
      .select({ n: countDistinct(userOverrides.userId) })
      .from(userOverrides)
      .where(eq(userOverrides.tenantId, tenantId)),
    db
      .select({ n: count() })
      .from(templates)
      .where(or(isNull(templates.tenantId), eq(templates.tenantId, tenantId))),
    db
      .select({ n: count() })
      .from(apiKeys)
      .where(and(eq(apiKeys.tenantId, tenantId), isNull(apiKeys.revokedAt))),
  ]);
  return {
    permissions: catalog?.n ?? 0,
    customPermissions: custom?.n ?? 0,
    usersWithOverrides: overridden?.n ?? 0,
    templates: tpl?.n ?? 0,
    activeApiKeys: keys?.n ?? 0,
  };
}
