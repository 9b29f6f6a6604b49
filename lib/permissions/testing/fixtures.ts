/**
 * A small hand-written tenant for the table tests, shaped like the seeds: a sites module with a
 * code tree, sales with nested menu items under a plan, roles with multi-level and diamond
 * inheritance, users with overrides and expiries. Tests tweak it with `withChanges`.
 */
import type { SnapshotPermission, TenantSnapshot } from "../types";

export const TENANT = "t-acme";
export const NOW = Date.UTC(2025, 5, 1, 12);

export function perm(code: string, extra: Partial<SnapshotPermission> = {}): SnapshotPermission {
  const parts = code.split(".");
  const action = parts.at(-1) ?? null;
  return {
    id: `perm:${code}`,
    code,
    tenantId: null,
    name: code,
    category: "actions",
    resource: parts.length > 1 ? parts.slice(0, -1).join(".") : null,
    action,
    riskLevel: "low",
    requiresMfa: false,
    requiresApproval: false,
    isActive: true,
    deprecated: false,
    replacementCode: null,
    ...extra,
  };
}

const role = (id: string, name: string, parentIds: string[] = [], grantsAll = false) => ({
  id,
  name,
  isSystem: grantsAll,
  grantsAll,
  parentIds,
});
const member = (userId: string, extra: Partial<TenantSnapshot["members"][number]> = {}) => ({
  userId,
  active: true,
  isSuperAdmin: false,
  departmentId: null,
  teamIds: [],
  ...extra,
});

export function acme(): TenantSnapshot {
  return {
    tenantId: TENANT,
    permVersion: 7,
    plan: { id: "plan-basic", code: "basic", name: "Basic" },
    planMenuItemIds: ["mi-sites", "mi-sales", "mi-reports-public"],
    menuItemPlans: {
      "mi-sites": ["basic", "professional", "enterprise"],
      "mi-sales": ["basic", "professional", "enterprise"],
      "mi-invoices": ["professional", "enterprise"],
      "mi-reports": ["enterprise"],
      "mi-reports-public": ["basic", "enterprise"],
      "mi-legacy": [],
    },
    permissions: [
      perm("sites.list.view"),
      perm("sites.list.export"),
      perm("sites.list.old_export", { deprecated: true, replacementCode: "sites.list.export" }),
      perm("sites.detail.view"),
      perm("sites.detail.edit"),
      perm("sites.detail.tabs.meters"),
      perm("sites.detail.tabs.billing", { requiresMfa: true }),
      perm("sites.archive", { isActive: false }),
      perm("sales.orders.view"),
      perm("sales.invoices.view"),
      perm("sales.invoices.create"),
      perm("reports.finance.view"),
      perm("reports.public.view"),
      perm("billing.view"),
      perm("billing.pay", { requiresMfa: true }),
      perm("customers.view"),
      perm("treasury.view"),
      perm("acme.widgets.view", { tenantId: TENANT }),
      perm("other.secret.view", { tenantId: "t-other" }),
    ],
    dependencies: [
      { code: "sites.detail.edit", dependsOn: "sites.detail.view" },
      { code: "billing.pay", dependsOn: "billing.view" },
      { code: "billing.pay", dependsOn: "treasury.view" },
      { code: "billing.view", dependsOn: "customers.view" },
    ],
    menuItems: [
      {
        id: "mi-sites",
        code: "sites",
        name: "Sites",
        resource: "sites",
        permissionCode: "sites.list.view",
        isActive: true,
      },
      { id: "mi-sales", code: "sales", name: "Sales", resource: "sales", permissionCode: null, isActive: true },
      {
        id: "mi-invoices",
        code: "invoices",
        name: "Invoices",
        resource: "sales.invoices",
        permissionCode: "sales.invoices.view",
        isActive: true,
      },
      { id: "mi-reports", code: "reports", name: "Reports", resource: "reports", permissionCode: null, isActive: true },
      {
        id: "mi-reports-public",
        code: "public_reports",
        name: "Public reports",
        resource: "reports.public",
        permissionCode: null,
        isActive: true,
      },
      {
        id: "mi-legacy",
        code: "legacy",
        name: "Legacy",
        resource: "sites.detail",
        permissionCode: null,
        isActive: false,
      },
    ],
    roles: [
      role("r-admin", "Admin", [], true),
      role("r-viewer", "Viewer"),
      role("r-lead", "Engineer Lead", ["r-viewer"]),
      role("r-field", "Field Engineer", ["r-lead"]),
      role("r-reporter", "Reporter", ["r-viewer"]),
      role("r-auditor", "Auditor", ["r-reporter", "r-viewer"]),
      role("r-billing", "Billing Clerk"),
      role("r-empty", "Empty"),
    ],
    grants: [
      { roleId: "r-viewer", code: "sites.list.view", scope: "organization", conditions: null },
      { roleId: "r-lead", code: "sites.detail", scope: "team", conditions: null },
      { roleId: "r-reporter", code: "reports", scope: "organization", conditions: null },
      { roleId: "r-billing", code: "billing", scope: "organization", conditions: null },
      { roleId: "r-billing", code: "sales", scope: "organization", conditions: null },
    ],
    members: [
      member("alice", { teamIds: ["team-north"], departmentId: "dep-ops" }),
      member("bob"),
      member("carol"),
      member("erin", { active: false }),
      member("frank"),
      member("gina"),
      member("hank", { isSuperAdmin: true, active: false }),
      member("ivy"),
    ],
    superAdminIds: ["dave"],
    userRoles: [
      { userId: "alice", roleId: "r-field", expiresAt: null },
      { userId: "bob", roleId: "r-viewer", expiresAt: null },
      { userId: "carol", roleId: "r-admin", expiresAt: null },
      { userId: "erin", roleId: "r-admin", expiresAt: null },
      { userId: "frank", roleId: "r-viewer", expiresAt: null },
      { userId: "gina", roleId: "r-auditor", expiresAt: null },
      { userId: "ivy", roleId: "r-billing", expiresAt: null },
    ],
    overrides: [],
  };
}

/** A copy of the acme tenant with some arrays replaced or extended. */
export function withChanges(change: (s: TenantSnapshot) => void): TenantSnapshot {
  const s = structuredClone(acme());
  change(s);
  return s;
}
