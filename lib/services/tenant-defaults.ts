import "server-only";
import { and, inArray, isNull } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { permissions, roleGrants, roles } from "@/db/schema";
import { defaultRoles } from "@/db/seed/world";

export interface DefaultRoles {
  admin: string;
  member: string;
  viewer: string;
}

/**
 * The roles every new tenant starts with (DESIGN §2), in the caller's transaction:
 * Admin — system, grants_all (every permission, present and future, as a rule, not rows);
 * Member — the default role of new members; Viewer — read-only. Member and Viewer get the same
 * grants the demo tenants have (db/seed/world.ts `defaultRoles`), so a new tenant is usable at
 * once; codes no longer in the global catalog are skipped rather than failing the creation.
 */
export async function createDefaultRoles(tx: Tx, tenantId: string): Promise<DefaultRoles> {
  const [admin] = await tx
    .insert(roles)
    .values({
      tenantId,
      name: "Admin",
      description: "Every permission of the catalog, present and future",
      isSystem: true,
      grantsAll: true,
    })
    .returning({ id: roles.id });
  const ids: Record<string, string> = {};
  for (const r of defaultRoles) {
    const [row] = await tx
      .insert(roles)
      .values({ tenantId, name: r.name, description: r.description, isDefault: r.isDefault ?? false })
      .returning({ id: roles.id });
    ids[r.name] = row!.id;
  }
  const codes = [...new Set(defaultRoles.flatMap((r) => r.grants.map((g) => (typeof g === "string" ? g : g.code))))];
  const found = await tx
    .select({ id: permissions.id, code: permissions.code })
    .from(permissions)
    .where(and(isNull(permissions.tenantId), inArray(permissions.code, codes)));
  const idByCode = new Map(found.map((p) => [p.code, p.id]));
  const rows = defaultRoles.flatMap((r) =>
    r.grants.flatMap((g) => {
      const grant = typeof g === "string" ? { code: g, scope: "organization" as const, conditions: undefined } : g;
      const permissionId = idByCode.get(grant.code);
      return permissionId
        ? [{ tenantId, roleId: ids[r.name]!, permissionId, scope: grant.scope, conditions: grant.conditions ?? null }]
        : [];
    }),
  );
  if (rows.length) await tx.insert(roleGrants).values(rows);
  return { admin: admin!.id, member: ids.Member!, viewer: ids.Viewer! };
}
