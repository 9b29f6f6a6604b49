/**
 * Gatehouse's own permissions: the codes the console and the API require of their callers.
 * One typed list, so a typo in a route spec, a page or a gate fails the type check; the seed
 * builds the `gatehouse` module of the catalog from the same areas, and a test holds this list to
 * the seeded catalog (gatehouse-codes.test.ts).
 */

/** The areas of the console and the API, each with a `view` and (but stats) a `manage` permission. */
export const ADMIN_AREAS = [
  "roles",
  "users",
  "permissions",
  "templates",
  "plans",
  "tenants",
  "approvals",
  "audit",
  "api_keys",
  "stats",
] as const;
export type AdminArea = (typeof ADMIN_AREAS)[number];

/** Areas whose permissions only mean something on the platform (not grantable inside a tenant). */
export const PLATFORM_AREAS = ["plans", "tenants"] as const satisfies readonly AdminArea[];

/**
 * A code in a platform-only area, or the area itself (`gatehouse.tenants.view`, `gatehouse.plans`):
 * never granted inside a tenant (docs/design.md §3.5), nor offered by a tenant's editors.
 */
export function isPlatformOnly(code: string): boolean {
  return PLATFORM_AREAS.some((area) => code === `gatehouse.${area}` || code.startsWith(`gatehouse.${area}.`));
}

export type GatehouseCode =
  | "gatehouse.console"
  | `gatehouse.${AdminArea}.view`
  | `gatehouse.${Exclude<AdminArea, "stats">}.manage`;

export const GATEHOUSE_CODES: readonly GatehouseCode[] = [
  "gatehouse.console",
  ...ADMIN_AREAS.flatMap((area): GatehouseCode[] =>
    area === "stats" ? [`gatehouse.${area}.view`] : [`gatehouse.${area}.view`, `gatehouse.${area}.manage`],
  ),
];

export function isGatehouseCode(code: string): code is GatehouseCode {
  return (GATEHOUSE_CODES as readonly string[]).includes(code);
}

/**
 * The demo product's own permissions (its routes under /api/demo use the same route wrapper):
 * typed by module, so a `gatehouse.` code can only be one of GATEHOUSE_CODES.
 */
export type DemoProductCode = `${"sites" | "jobs" | "reports" | "dashboard" | "operations"}.${string}`;
