/**
 * The data the decision engine works on (docs/design.md §3). A snapshot is everything that can alter
 * a decision in one tenant at one `perm_version`, as plain data: no database, no framework.
 * The loader (`server.ts`) builds it in a few set-based queries; the engine compiles it once.
 *
 * Times are epoch milliseconds. An assignment or override whose `expiresAt` is ≤ `now` is expired
 * and never counts.
 */

export const SCOPES = ["global", "organization", "department", "team", "personal"] as const;
export type Scope = (typeof SCOPES)[number];

export const CATEGORIES = ["navigation", "actions", "fields", "tabs", "buttons", "widgets", "settings"] as const;
export type Category = (typeof CATEGORIES)[number];

export const RISK_LEVELS = ["low", "medium", "high", "critical"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const EFFECTS = ["allow", "deny"] as const;
export type Effect = (typeof EFFECTS)[number];

/** Reasons of §3.2, in evaluation order, plus the post-steps. */
export const REASONS = ["unknown", "inactive", "plan", "superadmin", "override", "role", "none", "dependency"] as const;
export type Reason = (typeof REASONS)[number];

/** Field conditions over the context (§3.6): equality, $in, $ne, $gt/$gte/$lt/$lte. */
export type Conditions = Record<string, unknown>;

export interface SnapshotPermission {
  id: string;
  code: string;
  /** null: the global catalog; set: the tenant's own custom permission. */
  tenantId: string | null;
  name: string;
  category: Category;
  resource: string | null;
  action: string | null;
  riskLevel: RiskLevel;
  requiresMfa: boolean;
  requiresApproval: boolean;
  isActive: boolean;
  deprecated: boolean;
  /** Code of the replacement, when deprecated. */
  replacementCode: string | null;
}

export interface SnapshotDependency {
  code: string;
  dependsOn: string;
}

export interface SnapshotMenuItem {
  id: string;
  code: string;
  name: string;
  /** The code prefix it owns: `sales.invoices` owns `sales.invoices.view` and everything below. */
  resource: string;
  permissionCode: string | null;
  isActive: boolean;
}

export interface SnapshotPlan {
  id: string;
  code: string;
  name: string;
}

export interface SnapshotRole {
  id: string;
  name: string;
  isSystem: boolean;
  /** The system Admin role: holds every permission of the catalog, present and future (a rule). */
  grantsAll: boolean;
  parentIds: string[];
}

export interface SnapshotGrant {
  roleId: string;
  code: string;
  scope: Scope;
  conditions: Conditions | null;
}

export interface SnapshotMember {
  userId: string;
  /** Membership active and user active. */
  active: boolean;
  isSuperAdmin: boolean;
  departmentId: string | null;
  teamIds: string[];
}

export interface SnapshotUserRole {
  userId: string;
  roleId: string;
  expiresAt: number | null;
}

export interface SnapshotOverride {
  userId: string;
  code: string;
  effect: Effect;
  expiresAt: number | null;
}

/**
 * A tenant's policy (docs/design.md §5): everything a decision needs that is not about one user.
 * It grows with the catalog and the roles, never with the members; compiled once per version and
 * shared by every user.
 */
export interface PolicySnapshot {
  tenantId: string;
  permVersion: number;
  /** The tenant's plan; null = no plan gating. */
  plan: SnapshotPlan | null;
  /** Ids of the menu items the tenant's plan includes (ignored when plan is null). */
  planMenuItemIds: string[];
  /** For upgrade prompts: menu item id → codes of the plans that include it. */
  menuItemPlans: Record<string, string[]>;
  /** Global catalog plus this tenant's own permissions. */
  permissions: SnapshotPermission[];
  dependencies: SnapshotDependency[];
  menuItems: SnapshotMenuItem[];
  roles: SnapshotRole[];
  grants: SnapshotGrant[];
}

/** One role held by a user, as loaded: the role's id (resolved against whichever policy decides). */
export interface UserRoleAssignment {
  roleId: string;
  expiresAt: number | null;
}

export interface UserOverride {
  code: string;
  effect: Effect;
  expiresAt: number | null;
}

/**
 * One user's assignments in one tenant (docs/design.md §5): loaded on demand for the user being
 * decided, cached per user, and decided against the tenant's compiled policy. A new object is a
 * new state: caches derived from it remember the object they were computed from.
 */
export interface UserAssignments {
  userId: string;
  /** null: not a member of the tenant. */
  member: SnapshotMember | null;
  /** An active platform super-admin, member or not (§3.2). */
  isSuperAdmin: boolean;
  roles: UserRoleAssignment[];
  overrides: UserOverride[];
}

/** A policy with every member's assignments: what tests and small tools compile in one go. */
export interface TenantSnapshot extends PolicySnapshot {
  members: SnapshotMember[];
  /** Platform super-admins, members or not: they are granted without a membership (§3.2). */
  superAdminIds: string[];
  userRoles: SnapshotUserRole[];
  overrides: SnapshotOverride[];
}

/** `context.resource` of §3.6, plus any other fields the conditions look at. */
export interface DecisionContext {
  resource?: {
    owner_id?: string;
    team_id?: string;
    department_id?: string;
    tenant_id?: string;
  };
  [field: string]: unknown;
}

export type Via =
  | { kind: "role"; role_id: string; role: string; through_role?: string; code: string; scope: Scope }
  | { kind: "override"; code: string; effect: Effect; expires_at: string | null }
  | { kind: "plan"; menu_item: string; resource: string; plans: string[] }
  | { kind: "dependency"; code: string }
  | { kind: "superadmin" }
  | { kind: "inactive"; code: string };

export interface Decision {
  granted: boolean;
  reason: Reason;
  via: Via | null;
  requires_mfa: boolean;
  deprecated: boolean;
  replacement: string | null;
  /**
   * Decided without a context and granted only through grants limited by a scope (other than
   * organization or global) or by conditions, for the code or one of its dependencies (§3.6):
   * ask again with the resource in hand. Absent otherwise.
   */
  conditional?: boolean;
}

export interface ExplainStep {
  rule: Reason | "membership" | "mfa" | "deprecated";
  outcome: "skip" | "granted" | "denied" | "info";
  detail: string;
  data?: Record<string, unknown>;
}

export interface Explanation {
  decision: Decision;
  steps: ExplainStep[];
}

export const MAP_ACTIONS = ["view", "create", "edit", "delete", "export"] as const;
export type MapAction = (typeof MAP_ACTIONS)[number];
export type PermissionMap = Record<
  string,
  { can_view: boolean; can_create: boolean; can_edit: boolean; can_delete: boolean; can_export: boolean }
>;
