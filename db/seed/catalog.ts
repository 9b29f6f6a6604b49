/**
 * The global catalog drawn from the five seed documents (`catalog.json` is their data, copied
 * from shared/seeds): modules, permissions, dependencies, plans, menu items and plan features.
 * Pure data out; `seed-catalog.ts` writes it.
 */

import { ADMIN_AREAS } from "@/lib/permissions/gatehouse-codes";
import type { Category, RiskLevel } from "@/lib/permissions/types";
import raw from "./catalog.json";

export interface ModuleSeed {
  code: string;
  name: string;
  description?: string;
  icon: string;
  sortOrder: number;
  parent?: string;
}
export interface PermissionSeed {
  code: string;
  name: string;
  description: string;
  module: string;
  category: Category;
  resource?: string;
  action?: string;
  riskLevel: RiskLevel;
  requiresMfa?: boolean;
  requiresApproval?: boolean;
  isSystem?: boolean;
  sortOrder: number;
}
export interface MenuItemSeed {
  module: string;
  code: string;
  name: string;
  route: string;
  icon: string;
  sortOrder: number;
  resource: string;
  permissionCode: string;
}

const titleCase = (s: string) => s.replace(/[_.]/g, " ").replace(/\b\w/g, (c) => c.toUpperCase());

export const modules: ModuleSeed[] = [
  {
    code: "operations",
    name: "Field Operations",
    description: "Sites, meters, jobs and field reports",
    icon: "radio-tower",
    sortOrder: 0,
  },
  { code: "dashboard", name: "Dashboard", icon: "layout-dashboard", sortOrder: 1, parent: "operations" },
  { code: "sites", name: "Sites", icon: "map-pin", sortOrder: 2, parent: "operations" },
  { code: "jobs", name: "Jobs", icon: "wrench", sortOrder: 3, parent: "operations" },
  { code: "ops_reports", name: "Field Reports", icon: "file-bar-chart", sortOrder: 4, parent: "operations" },
  { code: "settings", name: "Settings", icon: "settings", sortOrder: 5, parent: "operations" },
  ...raw.seed_004_erp.modules.map((m) => ({
    code: m.code,
    name: m.name,
    description: m.description,
    icon: m.icon,
    sortOrder: 10 + m.sort_order,
  })),
  { code: "user_admin", name: "User Management", icon: "user-cog", sortOrder: 30 },
  { code: "marketing", name: "Marketing", icon: "megaphone", sortOrder: 31 },
  {
    code: "workspace",
    name: "Workspace",
    description: "Articles, projects, comments and organization",
    icon: "briefcase",
    sortOrder: 40,
  },
  ...Object.keys(raw.seed_003_permission_groups.groups).map((group, i) => ({
    code: `ws_${group.toLowerCase()}`,
    name: group.replace(/([a-z])([A-Z])/g, "$1 $2"),
    icon: "folder",
    sortOrder: 41 + i,
    parent: "workspace",
  })),
  {
    code: "gatehouse",
    name: "Administration",
    description: "Gatehouse's own console",
    icon: "shield-check",
    sortOrder: 90,
  },
];

const opsModule: Record<string, string> = {
  dashboard: "dashboard",
  sites: "sites",
  jobs: "jobs",
  reports: "ops_reports",
  settings: "settings",
};
// Codes whose grant is a four-eyes matter in the demo world.
const needsApproval = new Set([
  "sites.detail.fields.sensitive",
  "settings.permissions.manage",
  "finance.journal.delete",
]);

function uiPermissions(): PermissionSeed[] {
  return raw.seed_000_ui_permissions.permissions.map((p, i) => ({
    code: p.code,
    name: p.name,
    description: p.description,
    module: opsModule[p.module] ?? p.module,
    category: p.category as Category,
    riskLevel: p.risk_level as RiskLevel,
    requiresMfa: p.requires_mfa,
    requiresApproval: needsApproval.has(p.code),
    sortOrder: i,
  }));
}

const crudAction: Record<string, string> = { create: "create", read: "view", update: "edit", delete: "delete" };
const crudModule: Record<string, string> = {
  users: "user_admin",
  inventory: "inventory",
  sales: "sales",
  marketing: "marketing",
  reports: "reports",
  settings: "settings",
};
function crudPermissions(): PermissionSeed[] {
  return raw.seed_002_crud_permissions.map((p, i) => {
    const [resource, verb] = p.code.split(".") as [string, string];
    return {
      code: p.code,
      name: `${titleCase(verb)} ${titleCase(resource)}`,
      description: p.description,
      module: crudModule[p.module] ?? p.module,
      category: resource === "settings" ? "settings" : verb === "read" ? "navigation" : "actions",
      resource,
      action: crudAction[verb],
      riskLevel: verb === "delete" ? "high" : "low",
      sortOrder: 100 + i,
    };
  });
}

function groupPermissions(): PermissionSeed[] {
  const out: PermissionSeed[] = [];
  for (const [group, actions] of Object.entries(raw.seed_003_permission_groups.groups)) {
    const resource = group.toLowerCase();
    for (const verb of actions) {
      const action = verb.replace(/\s+/g, "_");
      out.push({
        code: `${resource}_${action}`,
        name: `${titleCase(action)} ${group.replace(/([a-z])([A-Z])/g, "$1 $2")}`,
        description: `Can ${verb} ${group.toLowerCase()}`,
        module: `ws_${resource}`,
        category: action === "view" ? "navigation" : "actions",
        resource: `ws_${resource}`,
        action: ["view", "create", "edit", "delete"].includes(action) ? action : undefined,
        riskLevel: action === "delete" ? "high" : action === "assign" ? "medium" : "low",
        sortOrder: 200 + out.length,
      });
    }
  }
  return out;
}

const opsMenu: MenuItemSeed[] = [
  {
    module: "operations",
    code: "dashboard",
    name: "Dashboard",
    route: "/dashboard",
    icon: "layout-dashboard",
    sortOrder: 1,
    resource: "dashboard",
    permissionCode: "dashboard.module.root",
  },
  {
    module: "operations",
    code: "sites",
    name: "Sites",
    route: "/sites",
    icon: "map-pin",
    sortOrder: 2,
    resource: "sites",
    permissionCode: "sites.list.view",
  },
  {
    module: "operations",
    code: "jobs",
    name: "Jobs",
    route: "/jobs",
    icon: "wrench",
    sortOrder: 3,
    resource: "jobs",
    permissionCode: "jobs.list.view",
  },
  {
    module: "operations",
    code: "field_reports",
    name: "Field Reports",
    route: "/operations/reports",
    icon: "file-bar-chart",
    sortOrder: 4,
    resource: "reports.rdg",
    permissionCode: "reports.rdg.view",
  },
];

export const menuItems: MenuItemSeed[] = [
  ...opsMenu,
  ...raw.seed_004_erp.menu_items.map((m) => ({
    module: m.module,
    code: m.code,
    name: m.name,
    route: m.route,
    icon: m.icon,
    sortOrder: m.sort_order,
    resource: m.permission_key.replace(/\.view$/, ""),
    permissionCode: m.permission_key,
  })),
];

const erpActionCategory: Record<string, Category> = {
  view: "navigation",
  create: "actions",
  edit: "actions",
  delete: "actions",
  export: "buttons",
};
function erpPermissions(): PermissionSeed[] {
  const out: PermissionSeed[] = [];
  for (const item of menuItems.slice(opsMenu.length)) {
    // A parent code per menu item: granting `sales.invoices` grants every invoice action below it.
    out.push({
      code: item.resource,
      name: `All of ${item.name}`,
      description: `Every action on ${item.name.toLowerCase()}`,
      module: item.module,
      category: "navigation",
      riskLevel: "medium",
      sortOrder: 300 + out.length,
    });
    for (const action of raw.seed_004_erp.actions) {
      out.push({
        code: `${item.resource}.${action}`,
        name: `${titleCase(action)} ${item.name}`,
        description: `Can ${action} ${item.name.toLowerCase()}`,
        module: item.module,
        category: erpActionCategory[action] ?? "actions",
        resource: item.resource,
        action,
        riskLevel: action === "delete" ? "high" : action === "export" ? "medium" : "low",
        requiresApproval: needsApproval.has(`${item.resource}.${action}`),
        sortOrder: 300 + out.length,
      });
    }
  }
  return out;
}

/** Gatehouse's own console and API: what the admin pages and routes require. System: read-only. */
function adminPermissions(): PermissionSeed[] {
  const out: PermissionSeed[] = [
    {
      code: "gatehouse.console",
      name: "Open the admin console",
      description: "See /admin at all",
      module: "gatehouse",
      category: "navigation",
      riskLevel: "medium",
      isSystem: true,
      sortOrder: 900,
    },
  ];
  for (const area of ADMIN_AREAS) {
    out.push({
      code: `gatehouse.${area}.view`,
      name: `View ${titleCase(area)}`,
      description: `Read ${area.replace("_", " ")} in the admin console and API`,
      module: "gatehouse",
      category: "navigation",
      resource: `gatehouse.${area}`,
      action: "view",
      riskLevel: "low",
      isSystem: true,
      sortOrder: 901 + out.length,
    });
    if (area === "stats") continue;
    out.push({
      code: `gatehouse.${area}.manage`,
      name: `Manage ${titleCase(area)}`,
      description: `Create, change and delete ${area.replace("_", " ")}`,
      module: "gatehouse",
      category: "actions",
      resource: `gatehouse.${area}`,
      action: "edit",
      riskLevel: area === "tenants" || area === "plans" ? "critical" : "high",
      isSystem: true,
      sortOrder: 901 + out.length,
    });
  }
  return out;
}

export const permissions: PermissionSeed[] = [
  ...uiPermissions(),
  ...crudPermissions(),
  ...groupPermissions(),
  ...erpPermissions(),
  ...adminPermissions(),
];

export const dependencies: { code: string; dependsOn: string }[] = [
  ...raw.seed_000_ui_permissions.dependencies.flatMap((d) =>
    d.depends_on.map((dependsOn) => ({ code: d.code, dependsOn })),
  ),
  // ERP: every action on a menu item needs to see it first.
  ...menuItems
    .slice(opsMenu.length)
    .flatMap((m) =>
      ["create", "edit", "delete", "export"].map((a) => ({ code: `${m.resource}.${a}`, dependsOn: m.permissionCode })),
    ),
  ...ADMIN_AREAS.filter((a) => a !== "stats").map((a) => ({
    code: `gatehouse.${a}.manage`,
    dependsOn: `gatehouse.${a}.view`,
  })),
  // Every console page needs the console: granting one pulls it in, like any dependency (issue 13).
  ...ADMIN_AREAS.map((a) => ({ code: `gatehouse.${a}.view`, dependsOn: "gatehouse.console" })),
];

export const plans = raw.seed_004_erp.plans.map((p) => ({
  code: p.code,
  name: p.name,
  description: p.description,
  priceMonthly: p.price_monthly,
  priceYearly: p.price_yearly,
  sortOrder: p.sort_order,
}));

/** Menu item codes each plan includes: exactly the seed's lists; enterprise has every item. */
export function planIncludes(planCode: string): Set<string> {
  const inc = (raw.seed_004_erp.plan_includes as Record<string, string[] | string>)[planCode];
  return new Set(Array.isArray(inc) ? inc : menuItems.map((m) => m.code));
}
