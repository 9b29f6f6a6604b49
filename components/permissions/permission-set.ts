import type { PermissionMap } from "@/lib/query/me";

export type ResourceAction = "view" | "create" | "edit" | "delete" | "export";

/** The questions a UI asks of an effective permission set; pure, so server and client agree. */
export interface PermissionChecks {
  can(code: string): boolean;
  /** At least one of `codes` (an empty list holds none). */
  canAny(codes: readonly string[]): boolean;
  /** Every one of `codes` (an empty list is vacuously held). */
  canAll(codes: readonly string[]): boolean;
  /** The codes of `codes` the set lacks (for "why" hints: never names what is granted). */
  missing(codes: readonly string[]): string[];
  canView(resource: string): boolean;
  canCreate(resource: string): boolean;
  canEdit(resource: string): boolean;
  canDelete(resource: string): boolean;
  canExport(resource: string): boolean;
}

/**
 * Resource × action answers come from the server's permission map (the catalog's `resource` and
 * `action` columns: `inventory` × view is `inventory.read`); a resource the map does not know
 * falls back to the `<resource>.<action>` code, which is how every ERP menu item names them.
 */
export function permissionChecks(codes: ReadonlySet<string>, map: PermissionMap = {}): PermissionChecks {
  const can = (code: string) => codes.has(code);
  const action = (a: ResourceAction) => (resource: string) => {
    const row = map[resource];
    return row ? row[`can_${a}`] : can(`${resource}.${a}`);
  };
  return {
    can,
    canAny: (list) => list.some(can),
    canAll: (list) => list.every(can),
    missing: (list) => list.filter((c) => !can(c)),
    canView: action("view"),
    canCreate: action("create"),
    canEdit: action("edit"),
    canDelete: action("delete"),
    canExport: action("export"),
  };
}

/** The code a resource × action answer rests on, for hints ("requires products.create"). */
export function resourceActionCode(resource: string, a: ResourceAction): string {
  return `${resource}.${a}`;
}

/** What a gate asks: one code, any of several, or all of several. */
export type GateRequirement =
  | { code: string; anyOf?: never; allOf?: never }
  | { anyOf: readonly string[]; code?: never; allOf?: never }
  | { allOf: readonly string[]; code?: never; anyOf?: never };

export interface GateDecision {
  allowed: boolean;
  missing: string[];
  reason: string;
}

/**
 * A gate's answer for one set: whether it opens, the codes it lacks (only those: a denial never
 * names what is granted) and the sentence a tooltip shows. `subject` names a previewed user.
 */
export function gateDecision(
  checks: PermissionChecks,
  req: GateRequirement,
  subject: string | null = null,
): GateDecision {
  const any = req.anyOf !== undefined;
  const codes = req.code !== undefined ? [req.code] : (req.anyOf ?? req.allOf ?? []);
  const allowed = any ? checks.canAny(codes) : checks.canAll(codes);
  const missing = allowed ? [] : checks.missing(codes);
  return { allowed, missing, reason: allowed ? "" : missingSentence(missing, any, subject) };
}

export function missingSentence(missing: readonly string[], any: boolean, subject: string | null = null): string {
  const who = subject ? `${subject} lacks` : "Requires";
  if (missing.length === 1) return `${who} the permission ${missing[0]}`;
  return any ? `${who} one of: ${missing.join(", ")}` : `${who} the permissions ${missing.join(", ")}`;
}
