import "server-only";
import raw from "@/db/seed/catalog.json";
import { authorize } from "@/lib/auth/authorize";
import { type LegacyMenuMapping, legacyMenuMapping } from "@/lib/validation/policy";
import type { ServiceContext } from "./context";
import { applyGrants, bumpRoleVersionIfChanged, lockRole } from "./role-grants";
import { type WriteContext, writeUnlessDryRun } from "./write-transaction";

/**
 * The UI-permissions seed's migration (docs/operations.md#migrate-legacy-menus): a role that holds
 * a legacy menu permission — the permission of the menu item of that code, or a permission of
 * that very code — is granted the UI permissions the mapping names for it. The catalog's
 * `legacy_menu_to_ui_mapping` by default; a file may replace it.
 */
export { legacyMenuMapping };
export const DEFAULT_LEGACY_MAPPING: LegacyMenuMapping = raw.seed_000_ui_permissions.legacy_menu_to_ui_mapping;

export interface LegacyMigration {
  dry_run: boolean;
  roles: { role_id: string; role: string; legacy: string[]; added: string[]; approvals: string[] }[];
  skipped: { role_id: string; role: string; reason: string }[];
  /** Mapped codes this tenant's catalog does not have (never granted; said, as the seed's script warns). */
  missing_codes: string[];
  perm_version: number;
}

/** The grants the mapping adds, role by role, inside one write (its rules: grant-what-you-hold, approvals, plan). */
async function migrateInWrite(w: WriteContext, mapping: LegacyMenuMapping) {
  const known = new Set(
    w.snapshot.permissions.filter((p) => p.tenantId === null || p.tenantId === w.tenantId).map((p) => p.code),
  );
  const legacyCodes = new Map<string, string[]>();
  for (const key of Object.keys(mapping)) {
    const codes = w.snapshot.menuItems.filter((m) => m.code === key && m.permissionCode).map((m) => m.permissionCode!);
    if (known.has(key)) codes.push(key);
    legacyCodes.set(key, codes);
  }
  const missing = new Set<string>();
  const out: Omit<LegacyMigration, "dry_run" | "perm_version"> = { roles: [], skipped: [], missing_codes: [] };
  for (const role of [...w.snapshot.roles].sort((a, b) => a.name.localeCompare(b.name))) {
    const held = new Set(w.snapshot.grants.filter((g) => g.roleId === role.id).map((g) => g.code));
    const legacy = [...legacyCodes].filter(([, codes]) => codes.some((c) => held.has(c))).map(([key]) => key);
    if (!legacy.length) continue;
    const wanted = [...new Set(legacy.flatMap((key) => mapping[key]!))];
    for (const c of wanted) if (!known.has(c)) missing.add(c);
    const toAdd = wanted.filter((c) => known.has(c) && !held.has(c)).sort();
    if (!toAdd.length) continue;
    if (role.isSystem) {
      out.skipped.push({ role_id: role.id, role: role.name, reason: "a system role: its grants are not edited" });
      continue;
    }
    const row = await lockRole(w, role.id, null);
    const change = await applyGrants(
      w,
      row,
      toAdd.map((code) => ({ code, scope: "organization" as const })),
      [],
      false,
      "migrate-legacy-menus",
    );
    await bumpRoleVersionIfChanged(w, row, change);
    out.roles.push({
      role_id: role.id,
      role: role.name,
      legacy,
      added: change.added,
      approvals: change.approvals.map((a) => a.code),
    });
  }
  out.missing_codes = [...missing].sort();
  return out;
}

/**
 * Runs the migration in the caller's tenant, as the caller (who must manage roles and hold what
 * they grant): one transaction, one audit entry listing every role's additions. Idempotent: a
 * second run finds nothing to add and writes nothing. A dry run answers the same, writing nothing.
 */
export async function migrateLegacyMenus(
  ctx: ServiceContext,
  mapping: LegacyMenuMapping,
  options: { dryRun: boolean },
): Promise<LegacyMigration> {
  await authorize(ctx.principal, "gatehouse.roles.manage");
  const { result, permVersion } = await writeUnlessDryRun(ctx, options.dryRun, async (w) => {
    const found = await migrateInWrite(w, mapping);
    // One entry for the run (the roles' own entries are what it lists), like a policy document's.
    if (w.audit.length)
      w.audit.splice(0, w.audit.length, {
        action: "policy.legacy_menus_migrated",
        targetType: "policy",
        targetId: w.tenantId,
        after: { roles: found.roles, skipped: found.skipped, missing_codes: found.missing_codes },
      });
    return found;
  });
  return { dry_run: options.dryRun, ...result, perm_version: permVersion };
}
