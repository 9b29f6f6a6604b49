/** Where a menu item's route lives in the product: the catalog says `/sites`, the app serves `/app/sites`. */
export const APP_BASE = "/app";

export function appHref(route: string | null): string {
  if (!route || route === "/" || route === "/dashboard") return APP_BASE;
  return `${APP_BASE}${route.startsWith("/") ? route : `/${route}`}`;
}

/** Whether `pathname` is the item's page or below it (the dashboard only on its own). */
export function isActive(pathname: string, href: string): boolean {
  return href === APP_BASE ? pathname === APP_BASE : pathname === href || pathname.startsWith(`${href}/`);
}
