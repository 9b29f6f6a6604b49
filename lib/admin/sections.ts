import type { GatehouseCode } from "@/lib/permissions/gatehouse-codes";

/** The console's sections, in sidebar order, each with the permission that shows it. */
export interface AdminSection {
  href: string;
  label: string;
  icon:
    | "gauge"
    | "shield"
    | "grid"
    | "users"
    | "key-round"
    | "layout-template"
    | "badge-check"
    | "scroll-text"
    | "plug"
    | "chart"
    | "credit-card"
    | "building"
    | "network"
    | "panel-left";
  /** A Gatehouse permission code, or "super-admin" for platform pages. */
  requires: GatehouseCode | "super-admin";
  group: "Access" | "Governance" | "Integrations" | "Platform";
}

export const ADMIN_SECTIONS = [
  { href: "/admin", label: "Overview", icon: "gauge", requires: "gatehouse.console", group: "Access" },
  { href: "/admin/roles", label: "Roles", icon: "shield", requires: "gatehouse.roles.view", group: "Access" },
  {
    href: "/admin/matrix",
    label: "Permission matrix",
    icon: "grid",
    requires: "gatehouse.roles.view",
    group: "Access",
  },
  { href: "/admin/users", label: "Users", icon: "users", requires: "gatehouse.users.view", group: "Access" },
  {
    href: "/admin/organisation",
    label: "Organisation",
    icon: "network",
    requires: "gatehouse.users.view",
    group: "Access",
  },
  {
    href: "/admin/permissions",
    label: "Permissions catalog",
    icon: "key-round",
    requires: "gatehouse.permissions.view",
    group: "Access",
  },
  {
    href: "/admin/navigation",
    label: "Navigation catalog",
    icon: "panel-left",
    requires: "gatehouse.permissions.view",
    group: "Access",
  },
  {
    href: "/admin/templates",
    label: "Templates",
    icon: "layout-template",
    requires: "gatehouse.templates.view",
    group: "Access",
  },
  {
    href: "/admin/approvals",
    label: "Approvals",
    icon: "badge-check",
    requires: "gatehouse.approvals.view",
    group: "Governance",
  },
  {
    href: "/admin/audit",
    label: "Audit log",
    icon: "scroll-text",
    requires: "gatehouse.audit.view",
    group: "Governance",
  },
  {
    href: "/admin/api-keys",
    label: "API keys",
    icon: "plug",
    requires: "gatehouse.api_keys.view",
    group: "Integrations",
  },
  {
    href: "/admin/analytics",
    label: "Analytics",
    icon: "chart",
    requires: "gatehouse.stats.view",
    group: "Integrations",
  },
  { href: "/admin/plans", label: "Plans", icon: "credit-card", requires: "super-admin", group: "Platform" },
  { href: "/admin/tenants", label: "Tenants", icon: "building", requires: "super-admin", group: "Platform" },
] as const satisfies readonly AdminSection[];

export type SectionHref = (typeof ADMIN_SECTIONS)[number]["href"];

type SectionOf<H extends SectionHref> = Extract<(typeof ADMIN_SECTIONS)[number], { href: H }>;

/** The permission a section (and every page under it) requires: declared once, above. */
export function sectionPermission<H extends SectionHref>(href: H): SectionOf<H>["requires"] {
  const section: AdminSection | undefined = ADMIN_SECTIONS.find((s) => s.href === href);
  if (!section) throw new Error(`No console section ${href}`);
  return section.requires as SectionOf<H>["requires"];
}

/** Opening the console at all: its front page's permission. */
export const CONSOLE_PERMISSION = sectionPermission("/admin");

/**
 * The sections someone may open, in sidebar order: none without the console itself, else each
 * section whose permission they hold (platform sections: super-admins). The console's sidebar and
 * "Preview as user" ask the same question, with the viewer's or the previewed member's decisions.
 */
export async function visibleSections(
  holds: (code: GatehouseCode) => boolean | Promise<boolean>,
  isSuperAdmin: boolean,
): Promise<AdminSection[]> {
  if (!(await holds(CONSOLE_PERMISSION))) return [];
  const visible: AdminSection[] = [];
  for (const s of ADMIN_SECTIONS)
    if (s.requires === "super-admin" ? isSuperAdmin : await holds(s.requires)) visible.push(s);
  return visible;
}

/** The start of every console page's breadcrumbs; pages add their parents and name themselves `current`. */
export const CONSOLE_CRUMB = { href: "/admin", label: "Console" } as const;
export const CONSOLE_CRUMBS = [CONSOLE_CRUMB];
