import "server-only";
import { type AdminPage, adminPage, superAdminPage } from "./page";
import { type SectionHref, sectionPermission } from "./sections";

/**
 * A console page of the section at `href` (itself or a page under it): guarded by the permission
 * the section declares in sections.ts, so the sidebar and the page can never disagree.
 */
export function sectionPage(href: SectionHref): Promise<AdminPage> {
  const requires = sectionPermission(href);
  return requires === "super-admin" ? superAdminPage() : adminPage(requires);
}
