import { z } from "zod";
import { CATEGORIES, EFFECTS, REASONS, RISK_LEVELS, SCOPES } from "@/lib/permissions/types";
import { APPROVAL_STATUSES } from "@/lib/validation/approvals";
import { POLICY_KINDS, policyDocument } from "@/lib/validation/policy";
import { API_KEY_SCOPES } from "./api-keys";

/**
 * The success bodies of the API, as zod schemas: the OpenAPI document (lib/api/openapi.ts)
 * documents them, and lib/api/responses.test.ts parses what the services really answer with
 * them (strict objects: a field a service adds without saying so here fails that test).
 *
 * Every top-level body and every shared piece is named (`component`): the document lists it once
 * under components/schemas and refers to it by $ref.
 */

// ---- the registry of named schemas (OpenAPI components) ---------------------------------------

export const componentRegistry = z.registry<{ id: string; description?: string }>();
/** Named schemas by id, in the order they were declared. */
export const components: Record<string, z.ZodType> = {};

function component<T extends z.ZodType>(id: string, schema: T, description?: string): T {
  if (components[id]) throw new Error(`Two response schemas are named ${id}`);
  componentRegistry.add(schema, description ? { id, description } : { id });
  components[id] = schema;
  return schema;
}

// ---- scalars ----------------------------------------------------------------------------------

const Id = z.guid();
/** A time the server wrote (`Date.toISOString()`: UTC, `Z`). */
const Time = z.iso.datetime();
/** A time the client sent and the server echoes as sent (any offset). */
const EchoedTime = z.iso.datetime({ offset: true });
const Day = z.iso.date();
const Count = z.int().min(0);
const PermVersion = z
  .int()
  .min(0)
  .describe("The tenant's perm_version after this answer (also in the X-Perm-Version header of writes)");
const Code = z.string().describe("A permission code, e.g. `sites.detail.view`");
const JsonObject = z.record(z.string(), z.unknown());
const Scope = z.enum(SCOPES);
const Category = z.enum(CATEGORIES);
const RiskLevel = z.enum(RISK_LEVELS);
const Effect = z.enum(EFFECTS);
const Reason = z.enum(REASONS);
const MemberStatus = z.enum(["active", "disabled"]);

/** `{data: [...], next_cursor}`: a page of a list (docs/api.md "Lists"). */
function page<T extends z.ZodType>(id: string, item: T, description?: string) {
  return component(
    id,
    z.strictObject({
      data: z.array(item),
      next_cursor: z.string().nullable().describe("Pass as `?cursor` for the next page; null on the last"),
    }),
    description,
  );
}

/** A write's answer (a Written, serialised by lib/api/route.ts): the body with the tenant's new perm_version. */
function withPermVersion<S extends z.core.$ZodLooseShape>(id: string, base: z.ZodObject<S>, description?: string) {
  return component(id, base.extend({ perm_version: PermVersion }), description);
}

const PendingApproval = component(
  "PendingApproval",
  z.strictObject({ id: Id, code: Code }),
  "An approval request a grant became (a permission that requires approval)",
);
/** 202: some grants became approval requests (the route wrapper adds approvals and approval_ids). */
function pendingApproval<S extends z.core.$ZodLooseShape>(id: string, base: z.ZodObject<S>) {
  return component(
    id,
    base.extend({
      approvals: z.array(PendingApproval).min(1),
      approval_ids: z.array(Id).min(1),
      perm_version: PermVersion,
    }),
    "Accepted: the direct changes are applied; grants of permissions that require approval became the approval requests listed",
  );
}

// ---- the engine's words (lib/permissions/types.ts) --------------------------------------------

export const Via = component(
  "Via",
  z.discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("role"),
      role_id: z.string(),
      role: z.string(),
      through_role: z.string().optional(),
      code: Code,
      scope: Scope,
    }),
    z.strictObject({ kind: z.literal("override"), code: Code, effect: Effect, expires_at: Time.nullable() }),
    z.strictObject({
      kind: z.literal("plan"),
      menu_item: z.string(),
      resource: z.string(),
      plans: z.array(z.string()),
    }),
    z.strictObject({ kind: z.literal("dependency"), code: Code }),
    z.strictObject({ kind: z.literal("superadmin") }),
    z.strictObject({ kind: z.literal("inactive"), code: Code }),
  ]),
  "What decided: the role grant (and the role it was inherited through), the override, the plan gate, the missing dependency…",
);

const decisionShape = {
  granted: z.boolean(),
  reason: Reason,
  via: Via.nullable(),
  requires_mfa: z.boolean(),
  deprecated: z.boolean(),
  replacement: Code.nullable(),
  conditional: z
    .boolean()
    .optional()
    .describe(
      "Decided without a context and granted only through a scope narrower than organization or through conditions (of the code or a dependency): ask again with a context. The check API always sends it; elsewhere it is absent when false",
    ),
};
export const Decision = component(
  "Decision",
  z.strictObject(decisionShape),
  "A decision of the engine (docs/design.md §3.2)",
);

export const ExplainStep = component(
  "ExplainStep",
  z.strictObject({
    rule: z.enum([...REASONS, "membership", "mfa", "deprecated"]),
    outcome: z.enum(["skip", "granted", "denied", "info"]),
    detail: z.string(),
    data: JsonObject.optional(),
  }),
);

// ---- me ---------------------------------------------------------------------------------------

const TenantRef = z.strictObject({ id: Id, name: z.string(), slug: z.string() });
export const Me = component(
  "Me",
  z.strictObject({
    user: z.strictObject({ id: Id, email: z.email(), name: z.string(), is_super_admin: z.boolean() }),
    tenant: z.strictObject({ id: Id, name: z.string(), slug: z.string(), plan: z.string().nullable() }).nullable(),
    tenants: z.array(TenantRef),
    roles: z.array(z.strictObject({ id: Id, name: z.string(), expires_at: Time.nullable() })),
  }),
  "The caller, their active tenant, the tenants they may act in and their unexpired roles there",
);
export const MyPermissions = component(
  "MyPermissions",
  z.strictObject({
    permissions: z.record(Code, z.literal(true)),
    codes: z.array(Code),
    requires_mfa: z.array(Code),
    roles: z.array(z.string()),
    perm_version: PermVersion,
    cached_at: Time,
  }),
  "The caller's effective permissions in the active tenant",
);
export const MyMenus = component(
  "MyMenus",
  z.strictObject({
    plan: z.strictObject({ code: z.string(), name: z.string() }).nullable(),
    modules: z.array(
      z.strictObject({
        id: Id,
        code: z.string(),
        name: z.string(),
        icon: z.string().nullable(),
        sort_order: z.int(),
        items: z.array(
          z.strictObject({
            id: Id,
            code: z.string(),
            name: z.string(),
            route: z.string(),
            icon: z.string().nullable(),
            resource: z.string(),
            permission_code: Code,
            sort_order: z.int(),
          }),
        ),
      }),
    ),
  }),
  "Modules and menu items the tenant's plan includes and the caller may view",
);
export const PermissionMap = component(
  "PermissionMap",
  z.record(
    z.string(),
    z.strictObject({
      can_view: z.boolean(),
      can_create: z.boolean(),
      can_edit: z.boolean(),
      can_delete: z.boolean(),
      can_export: z.boolean(),
    }),
  ),
  "Resource → what the caller may do with it",
);
export const PermissionsEvent = component(
  "PermissionsEvent",
  z.strictObject({ perm_version: PermVersion, tenant_id: Id }),
  "The `data:` of an `event: permissions` of GET /api/v1/me/stream (its `id:` is the perm_version)",
);
export const MyInvitations = component(
  "MyInvitations",
  z.strictObject({
    data: z.array(
      z.strictObject({ id: Id, tenant: TenantRef, role_ids: z.array(Id), created_at: Time, expires_at: Time }),
    ),
  }),
  "Pending invitations addressed to the caller's account",
);
export const InvitationAccepted = withPermVersion(
  "InvitationAccepted",
  z.strictObject({ tenant_id: Id, role_ids: z.array(Id) }),
  "The membership the invitation made, with the roles its inviter could still confer",
);
const invitationShape = {
  id: Id,
  email: z.email(),
  roles: z.array(z.strictObject({ id: Id, name: z.string() })),
  invited_by: z.strictObject({ id: Id, email: z.string() }).nullable(),
  created_at: Time,
  expires_at: Time,
  status: z.enum(["pending", "expired"]),
};
export const Invitation = component(
  "Invitation",
  z.strictObject(invitationShape),
  "An invitation by link, not accepted nor revoked (an expired one stays listed until revoked)",
);
export const InvitationPage = page("InvitationPage", Invitation);
export const InvitationCreated = withPermVersion(
  "InvitationCreated",
  z.strictObject({
    ...invitationShape,
    invite_url: z.url().describe("The link to send: its token is in this answer only, never again"),
  }),
  "The invitation, with its one-time link (this answer only) and the tenant's current perm_version",
);
export const InvitationJoined = withPermVersion(
  "InvitationJoined",
  z.strictObject({
    tenant_id: Id,
    role_ids: z.array(Id),
    user: z.strictObject({ id: Id, email: z.email() }),
  }),
  "The account the link created, its membership and the roles its inviter could still confer",
);
export const SwitchedTenant = component(
  "SwitchedTenant",
  z.strictObject({ tenant: TenantRef }),
  "The session's new active tenant",
);

// ---- sessions ---------------------------------------------------------------------------------

export const SessionList = component(
  "SessionList",
  z.strictObject({
    sessions: z.array(
      z.strictObject({
        id: Id,
        created_at: Time,
        last_seen_at: Time,
        expires_at: Time,
        ip: z.string().nullable(),
        user_agent: z.string().nullable(),
        current: z.boolean(),
      }),
    ),
  }),
  "The caller's live sessions (signed in, not ended, not expired), the most recently seen first; `current` marks this request's",
);
export const SessionsEnded = component(
  "SessionsEnded",
  z.strictObject({ user_id: Id, ended: z.int().nonnegative() }),
  "How many live sessions were ended, on every instance from the next request on",
);

// ---- my second factor (TOTP) ------------------------------------------------------------------

const stepUp = { verified_at: Time, verified_until: Time.describe("The step-up holds for 15 minutes") };
export const MfaStatus = component(
  "MfaStatus",
  z.strictObject({
    enabled: z.boolean(),
    enabled_at: Time.nullable(),
    recovery_codes_remaining: Count,
    verified_at: Time.nullable(),
    verified_until: Time.nullable(),
  }),
  "The caller's second factor, and until when this session's step-up holds",
);
export const MfaEnrolment = component(
  "MfaEnrolment",
  z.strictObject({
    secret: z.string().describe("Base32, to type into an authenticator app"),
    otpauth_uri: z.string(),
    qr_data_url: z.string().describe("A PNG data: URL of the otpauth URI"),
    issuer: z.string(),
    account: z.email(),
  }),
  "A new TOTP secret, shown this once; confirm it with a first code",
);
const RecoveryCodeList = z.array(z.string()).describe("Shown this once; each works one time");
export const MfaEnabled = component(
  "MfaEnabled",
  z.strictObject({ enabled: z.literal(true), recovery_codes: RecoveryCodeList, ...stepUp }),
  "Enabled; this session counts as verified",
);
export const MfaVerified = component(
  "MfaVerified",
  z.strictObject({ method: z.enum(["totp", "recovery_code"]), ...stepUp, recovery_codes_remaining: Count }),
  "This session is verified for 15 minutes",
);
export const MfaRecoveryCodes = component(
  "MfaRecoveryCodes",
  z.strictObject({ recovery_codes: RecoveryCodeList }),
  "New recovery codes; the old ones no longer work",
);
export const MfaDisabled = component(
  "MfaDisabled",
  z.strictObject({ enabled: z.literal(false) }),
  "Turned off: the secret and recovery codes are gone",
);

// ---- checks -----------------------------------------------------------------------------------

export const CheckResult = component(
  "CheckResult",
  z.strictObject({ ...decisionShape, perm_version: PermVersion }),
  "The decision, with the perm_version it was made at",
);
const bulkPermissions = z.record(Code, z.boolean());
export const BulkCheckResult = component(
  "BulkCheckResult",
  z.union([
    z.strictObject({ has_all: z.boolean(), permissions: bulkPermissions, perm_version: PermVersion }),
    z.strictObject({ has_any: z.boolean(), permissions: bulkPermissions, perm_version: PermVersion }),
  ]),
  "`has_all` when `check_all` was true, `has_any` otherwise",
);

// ---- sync (the client SDK: docs/sdk.md) -------------------------------------------------------

/** Epoch milliseconds, or null: never expires. */
const Expiry = z.number().nullable();
const SyncPermission = z.strictObject({
  id: Id,
  code: Code,
  tenantId: Id.nullable(),
  name: z.string(),
  category: Category,
  resource: z.string().nullable(),
  action: z.string().nullable(),
  riskLevel: RiskLevel,
  requiresMfa: z.boolean(),
  requiresApproval: z.boolean(),
  isActive: z.boolean(),
  deprecated: z.boolean(),
  replacementCode: z.string().nullable(),
});
export const SyncPolicy = component(
  "SyncPolicy",
  z.strictObject({
    format: z.literal(1).describe("The export's format: a client refuses one it does not know"),
    tenant_id: Id,
    perm_version: PermVersion,
    policy: z
      .strictObject({
        tenantId: Id,
        permVersion: z.int().min(0),
        plan: z.strictObject({ id: Id, code: z.string(), name: z.string() }).nullable(),
        planMenuItemIds: z.array(Id),
        menuItemPlans: z.record(z.string(), z.array(z.string())),
        permissions: z.array(SyncPermission),
        dependencies: z.array(z.strictObject({ code: Code, dependsOn: Code })),
        menuItems: z.array(
          z.strictObject({
            id: Id,
            code: z.string(),
            name: z.string(),
            resource: z.string(),
            permissionCode: Code.nullable(),
            isActive: z.boolean(),
          }),
        ),
        roles: z.array(
          z.strictObject({
            id: Id,
            name: z.string(),
            isSystem: z.boolean(),
            grantsAll: z.boolean(),
            parentIds: z.array(Id),
          }),
        ),
        grants: z.array(z.strictObject({ roleId: Id, code: Code, scope: Scope, conditions: JsonObject.nullable() })),
      })
      .describe(
        "The decision engine's input for the tenant's policy (lib/permissions/types.ts PolicySnapshot): no members",
      ),
  }),
  "The tenant's policy at one perm_version, as the engine compiles it (catalog, plan, roles, grants; nothing about members)",
);
export const SyncUser = component(
  "SyncUser",
  z.strictObject({
    userId: Id,
    member: z
      .strictObject({
        userId: Id,
        active: z.boolean(),
        isSuperAdmin: z.boolean(),
        departmentId: Id.nullable(),
        teamIds: z.array(Id),
      })
      .nullable(),
    isSuperAdmin: z.boolean(),
    roles: z.array(z.strictObject({ roleId: Id, expiresAt: Expiry })),
    overrides: z.array(z.strictObject({ code: Code, effect: Effect, expiresAt: Expiry })),
  }),
  "One user's assignments in the tenant (lib/permissions/types.ts UserAssignments)",
);
export const SyncUserResult = component(
  "SyncUserResult",
  z.strictObject({ user: SyncUser, perm_version: PermVersion }),
  "A user's assignments with the perm_version they were read at",
);
export const SyncUsersResult = component(
  "SyncUsersResult",
  z.strictObject({
    users: z.array(SyncUser),
    not_found: z.array(Id).describe("Ids that are no member of the tenant (unknown, or another tenant's)"),
    perm_version: PermVersion,
  }),
  "Users' assignments, all read at one perm_version",
);
export const SyncChangeEvent = component(
  "SyncChangeEvent",
  z.strictObject({
    perm_version: PermVersion,
    policy: z.boolean().describe("The policy changed: fetch it again"),
    user_ids: z.array(Id).optional().describe("These users' assignments changed"),
    all_users: z.literal(true).optional().describe("Every user's assignments may have changed"),
  }),
  "The `data:` of an `event: change` of GET /api/v1/sync/stream (its `id:` is the perm_version)",
);
export const SyncVersionEvent = component(
  "SyncVersionEvent",
  z.strictObject({ perm_version: PermVersion }),
  "The `data:` of an `event: ready` (current up to this version) or `event: reset` (drop what you hold) of GET /api/v1/sync/stream",
);

// ---- roles ------------------------------------------------------------------------------------

export const RoleSummary = component(
  "RoleSummary",
  z.strictObject({
    id: Id,
    name: z.string(),
    description: z.string().nullable(),
    is_system: z.boolean(),
    is_default: z.boolean(),
    grants_all: z.boolean(),
    version: z.int().min(1),
    parent_ids: z.array(Id),
    user_count: Count,
    permission_count: Count,
  }),
);
export const RolePage = page("RolePage", RoleSummary);

const grantPermission = {
  permission_id: Id,
  code: Code,
  name: z.string(),
  category: Category,
  risk_level: RiskLevel,
  requires_mfa: z.boolean(),
  requires_approval: z.boolean(),
};
export const RoleGrant = component(
  "RoleGrant",
  z.union([
    z.strictObject({
      ...grantPermission,
      scope: Scope,
      conditions: JsonObject.nullable(),
      granted_by: Id.nullable(),
      granted_at: Time,
    }),
    z.strictObject({
      ...grantPermission,
      scope: z.literal("global"),
      conditions: z.null(),
      rule: z.literal("grants_all"),
    }),
  ]),
  "A grant of the role with its permission; the system Admin role lists the whole catalog with `rule: grants_all`",
);
export const RoleDetail = component(
  "RoleDetail",
  z.strictObject({
    id: Id,
    name: z.string(),
    description: z.string().nullable(),
    is_system: z.boolean(),
    is_default: z.boolean(),
    grants_all: z.boolean(),
    version: z.int().min(1),
    created_at: Time,
    updated_at: Time,
    parents: z.array(z.strictObject({ id: Id, name: z.string() })),
    parent_ids: z.array(Id),
    permissions: z.array(RoleGrant),
  }),
  "The role, its parents and its grants",
);
export const RoleGrants = component(
  "RoleGrants",
  z.strictObject({ role_id: Id, version: z.int().min(1), data: z.array(RoleGrant) }),
  "The role's grants with their permission",
);
export const RoleHolderPage = page(
  "RoleHolderPage",
  z.strictObject({
    id: Id,
    email: z.email(),
    name: z.string(),
    status: MemberStatus,
    assigned_at: Time,
    expires_at: Time.nullable(),
  }),
  "Users holding the role",
);
const roleFields = z.strictObject({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  is_system: z.boolean(),
  is_default: z.boolean(),
  version: z.int().min(1),
  parent_ids: z.array(Id),
});
export const RoleWritten = withPermVersion("RoleWritten", roleFields, "The role as written");
export const RoleWrittenPending = pendingApproval("RoleWrittenPending", roleFields);

const grantChange = z.strictObject({
  role_id: Id,
  version: z.int().min(1).describe("The role's new version"),
  added: z.array(Code),
  removed: z.array(Code),
});
export const GrantChange = withPermVersion("GrantChange", grantChange, "What changed in the role's grants");
export const GrantChangePending = pendingApproval("GrantChangePending", grantChange);

const matrixChange = z.strictObject({ roles: z.array(grantChange) });
export const MatrixChange = withPermVersion("MatrixChange", matrixChange, "Per role: its new version and what changed");
export const MatrixChangePending = pendingApproval("MatrixChangePending", matrixChange);
/** Why the tenant's plan leaves a permission out: the menu item that owns it, and the plans that have it. */
const OutOfPlan = z
  .strictObject({
    menu_item: z.string(),
    menu_item_name: z.string(),
    plans: z.array(z.strictObject({ code: z.string(), name: z.string() })),
  })
  .nullable()
  .describe("Null when the tenant's plan includes it (or no menu item owns it, or there is no plan)");

export const Matrix = component(
  "Matrix",
  z.strictObject({
    plan: z.strictObject({ code: z.string(), name: z.string() }).nullable().describe("The tenant's plan"),
    roles: z.array(
      z.strictObject({
        id: Id,
        name: z.string(),
        version: z.int().min(1),
        is_system: z.boolean(),
        grants_all: z.boolean(),
      }),
    ),
    permissions: z.array(
      z.strictObject({
        id: Id,
        code: Code,
        name: z.string(),
        description: z.string().nullable(),
        module: z.string().nullable(),
        category: Category,
        risk_level: RiskLevel,
        requires_mfa: z.boolean(),
        requires_approval: z.boolean(),
        is_system: z.boolean(),
        is_active: z.boolean(),
        deprecated: z.boolean(),
        out_of_plan: OutOfPlan,
      }),
    ),
    grants: z.record(Id, z.array(Code)).describe("role id → the codes it grants (among the permissions listed)"),
  }),
  "Roles as columns, permissions as rows, and who grants what",
);

// ---- the permission catalog -------------------------------------------------------------------

const permissionShape = {
  id: Id,
  code: Code,
  name: z.string(),
  description: z.string().nullable(),
  module: z.string().nullable().describe("The module's code"),
  module_id: Id.nullable(),
  module_name: z.string().nullable(),
  category: Category,
  resource: z.string().nullable(),
  action: z.string().nullable(),
  risk_level: RiskLevel,
  requires_mfa: z.boolean(),
  requires_approval: z.boolean(),
  is_system: z.boolean(),
  is_active: z.boolean(),
  deprecated: z.boolean(),
  deprecated_message: z.string().nullable(),
  replacement: Code.nullable(),
  replacement_id: Id.nullable(),
  sort_order: z.int(),
  tenant_id: Id.nullable().describe("null: the global catalog"),
  is_global: z.boolean(),
  created_at: Time,
  updated_at: Time,
};
export const Permission = component(
  "Permission",
  z.strictObject(permissionShape),
  "A permission of the catalog (global, or the tenant's own)",
);
export const PermissionPage = page("PermissionPage", Permission);
export const PermissionWritten = withPermVersion(
  "PermissionWritten",
  z.strictObject(permissionShape),
  "The permission as written",
);
export const PermissionsByCategory = component(
  "PermissionsByCategory",
  z.partialRecord(Category, z.array(Permission)),
  "Category → its permissions, in sort order",
);

interface ModuleNodeOut {
  id: string;
  tenant_id: string | null;
  code: string;
  name: string;
  description: string | null;
  icon: string | null;
  color: string | null;
  sort_order: number;
  is_active: boolean;
  parent_id: string | null;
  permissions: z.infer<typeof Permission>[];
  children: ModuleNodeOut[];
}
export const ModuleNode: z.ZodType<ModuleNodeOut> = component(
  "ModuleNode",
  z.strictObject({
    id: Id,
    tenant_id: Id.nullable().describe("null: the global catalog; set: the tenant's own module"),
    code: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    icon: z.string().nullable(),
    color: z.string().nullable(),
    sort_order: z.int(),
    is_active: z.boolean(),
    parent_id: Id.nullable(),
    permissions: z.array(Permission),
    get children(): z.ZodArray<z.ZodType<ModuleNodeOut>> {
      return z.array(ModuleNode);
    },
  }),
  "A module with its permissions and its child modules",
);
export const PermissionGroups = component(
  "PermissionGroups",
  z.strictObject({ modules: z.array(ModuleNode), ungrouped: z.array(Permission) }),
  "The module tree; permissions of no module apart",
);

const dependencyRef = z.strictObject({ code: Code, name: z.string(), is_granted: z.boolean() });
export const PermissionDependencies = component(
  "PermissionDependencies",
  z.strictObject({
    code: Code,
    permission_id: Id,
    user_id: Id.describe("Whose `is_granted` this is"),
    depends_on: z.array(dependencyRef),
    required_by: z.array(dependencyRef),
  }),
);
const impactItem = { menu_item: z.string(), name: z.string(), permission_code: Code.nullable() };
export const PlanChangeImpact = component(
  "PlanChangeImpact",
  z.strictObject({
    tenant_id: Id,
    from_plan: z.strictObject({ id: Id, name: z.string() }).nullable(),
    to_plan: z.strictObject({ id: Id, name: z.string(), description: z.string().nullable() }).nullable(),
    gained: z.array(z.strictObject(impactItem)),
    lost: z.array(
      z.strictObject({
        ...impactItem,
        users_losing_access: z.int().min(0).describe("Members who hold its permission today"),
      }),
    ),
  }),
  "What a plan change would do to a tenant, before it is made",
);
export const PermissionHolderPage = page(
  "PermissionHolderPage",
  z.strictObject({
    user_id: Id,
    email: z.string(),
    name: z.string(),
    source: z.enum(["role", "override", "superadmin"]).describe("The rule that grants it"),
    via: Via.nullable(),
    conditional: z
      .boolean()
      .describe("Granted only under a scope or conditions that were not evaluated for want of a context"),
  }),
  "Every member the permission is effective for (decided without a context), by name",
);
export const DependenciesWritten = withPermVersion(
  "DependenciesWritten",
  z.strictObject({ permission_id: Id, code: Code, depends_on: z.array(Code) }),
);

const moduleShape = {
  id: Id,
  parent_id: Id.nullable(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  icon: z.string().nullable().describe("A lucide icon name (`file-text`)"),
  color: z.string().nullable(),
  sort_order: z.int(),
  is_active: z.boolean(),
  tenant_id: Id.nullable().describe("null: the global catalog; set: the tenant's own module"),
  is_global: z.boolean(),
};
export const Module = component("Module", z.strictObject(moduleShape), "A module of the navigation catalog");
export const ModulePage = page("ModulePage", Module);
export const ModuleWritten = withPermVersion("ModuleWritten", z.strictObject(moduleShape), "The module as written");
const menuItemShape = {
  id: Id,
  module_id: Id,
  module: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  route: z.string(),
  icon: z.string().nullable().describe("A lucide icon name (`file-text`)"),
  resource: z.string().describe("The code prefix it owns: `sales.invoices` owns `sales.invoices.view` and below"),
  permission_code: Code.nullable().describe("The permission needed to see it"),
  sort_order: z.int(),
  is_active: z.boolean(),
  plans: z.array(z.string()).describe("Codes of the plans that include it"),
};
export const MenuItem = component("MenuItem", z.strictObject(menuItemShape), "A menu item of the navigation catalog");
export const MenuItemPage = page("MenuItemPage", MenuItem);
export const MenuItemWritten = withPermVersion(
  "MenuItemWritten",
  z.strictObject(menuItemShape),
  "The menu item as written",
);

// ---- users ------------------------------------------------------------------------------------

export const UserPage = page(
  "UserPage",
  z.strictObject({
    id: Id,
    email: z.email(),
    name: z.string(),
    status: MemberStatus,
    department_id: Id.nullable(),
    department: z.string().nullable(),
    role_ids: z.array(Id),
  }),
  "Members of the tenant; `status` is disabled when the account or the membership is",
);
export const RoleAssignment = component(
  "RoleAssignment",
  z.strictObject({ id: Id, name: z.string(), is_system: z.boolean(), assigned_at: Time, expires_at: Time.nullable() }),
  "A role the user holds here (expired ones included)",
);
export const UserDetail = component(
  "UserDetail",
  z.strictObject({
    id: Id,
    email: z.email(),
    name: z.string(),
    status: MemberStatus.describe("The account"),
    membership_status: MemberStatus.describe("The membership in this tenant"),
    is_super_admin: z.boolean(),
    department_id: Id.nullable(),
    department: z.string().nullable(),
    roles: z.array(RoleAssignment),
    overrides: z.array(
      z.strictObject({
        id: Id,
        permission_id: Id,
        code: Code,
        effect: Effect,
        notes: z.string().nullable(),
        granted_at: Time,
        expires_at: Time.nullable(),
      }),
    ),
  }),
  "A member with their roles and overrides",
);
export const UserRoles = component(
  "UserRoles",
  z.strictObject({ data: z.array(RoleAssignment), next_cursor: z.null() }),
  "The user's role assignments (always one page)",
);
export const UserPermission = component(
  "UserPermission",
  z.strictObject({
    permission_id: Id,
    code: Code,
    name: z.string(),
    module: z.string().nullable().describe("The module's code"),
    module_id: Id.nullable(),
    category: Category,
    risk_level: RiskLevel,
    requires_mfa: z.boolean(),
    granted: z.boolean(),
    reason: Reason,
    source: z.enum(["role", "direct", "inherited", "plan", "dependency", "none"]),
    role_name: z.string().optional(),
    via: Via.optional(),
    granted_at: Time.nullable(),
    granted_by: Id.nullable(),
    notes: z.string().nullable(),
    expires_at: Time.nullable(),
  }),
  "One permission of the catalog as it stands for the user, and where that comes from",
);
export const UserPermissions = component(
  "UserPermissions",
  z.strictObject({ data: z.array(UserPermission), perm_version: PermVersion }),
);
export const UserPermissionStats = component(
  "UserPermissionStats",
  z.strictObject({
    total_permissions: Count,
    granted_permissions: Count,
    role_permissions: Count,
    direct_permissions: Count,
    denied_permissions: Count,
  }),
);
export const Explanation = component(
  "Explanation",
  z.strictObject({ user_id: Id, code: Code, ...decisionShape, steps: z.array(ExplainStep), perm_version: PermVersion }),
  "The decision and every step of §3.2 that led to it",
);
export const UserAuditPage = page(
  "UserAuditPage",
  z.strictObject({
    id: Id,
    created_at: Time,
    actor: z.string().nullable(),
    action: z.string(),
    permission_code: Code.nullable(),
    before: JsonObject.nullable(),
    after: JsonObject.nullable(),
    notes: z.string().nullable(),
  }),
  "Audit entries about the user (the latest 200)",
);
export const UserCreated = withPermVersion(
  "UserCreated",
  z.strictObject({ id: Id, email: z.email(), name: z.string(), role_ids: z.array(Id) }),
  "The new member; an email that has an account elsewhere is invited instead, answered alike (docs/api.md)",
);
export const RoleAssigned = withPermVersion(
  "RoleAssigned",
  z.strictObject({ user_id: Id, role_id: Id, role: z.string(), expires_at: EchoedTime.nullable() }),
);
const overridesSet = z.strictObject({ user_id: Id });
export const OverridesSet = withPermVersion("OverridesSet", overridesSet);
export const OverridesSetPending = pendingApproval("OverridesSetPending", overridesSet);
export const MembershipUpdated = withPermVersion(
  "MembershipUpdated",
  z.strictObject({ id: Id, membership_status: MemberStatus, department_id: Id.nullable() }),
);

// ---- organisation ------------------------------------------------------------------------------

export const Department = component(
  "Department",
  z.strictObject({ id: Id, name: z.string(), member_count: Count, team_count: Count, created_at: Time }),
  "A department of the tenant (it decides department-scoped grants for its members)",
);
export const DepartmentPage = page("DepartmentPage", Department);
export const DepartmentWritten = withPermVersion("DepartmentWritten", Department, "The department as written");
export const Team = component(
  "Team",
  z.strictObject({
    id: Id,
    name: z.string(),
    department_id: Id.nullable(),
    department: z.string().nullable(),
    member_ids: z.array(Id),
    member_count: Count,
    created_at: Time,
  }),
  "A team of the tenant (it decides team-scoped grants for its members)",
);
export const TeamPage = page("TeamPage", Team);
export const TeamWritten = withPermVersion("TeamWritten", Team, "The team as written");

// ---- templates --------------------------------------------------------------------------------

export const Template = component(
  "Template",
  z.strictObject({
    id: Id,
    name: z.string(),
    description: z.string().nullable(),
    is_global: z.boolean(),
    tenant_id: Id.nullable(),
    permissions: z.record(Code, Effect),
    permission_count: Count,
    created_by: Id.nullable(),
    created_at: Time,
    updated_at: Time,
  }),
  "A named permission set: `{code: allow | deny}`",
);
export const TemplatePage = page("TemplatePage", Template);
export const TemplateWritten = withPermVersion(
  "TemplateWritten",
  Template,
  "The template as written, with the tenant's perm_version (a template changes no decision: the current one)",
);
const templateApplied = z.strictObject({
  template_id: Id,
  role_id: Id,
  version: z.int().min(1),
  added: z.array(Code),
  removed: z.array(Code),
});
export const TemplateApplied = withPermVersion("TemplateApplied", templateApplied);
export const TemplateAppliedPending = pendingApproval("TemplateAppliedPending", templateApplied);

// ---- plans and tenants ------------------------------------------------------------------------

const planShape = {
  id: Id,
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  price_monthly: z.number().min(0),
  price_yearly: z.number().min(0),
  is_active: z.boolean(),
  sort_order: z.int(),
  menu_items: z
    .array(z.strictObject({ id: Id, code: z.string(), name: z.string(), resource: z.string(), route: z.string() }))
    .describe("The menu items the plan includes"),
};
export const Plan = component("Plan", z.strictObject(planShape), "A plan with the menu items it includes");
export const PlanPage = page("PlanPage", Plan);
export const PlanWritten = component(
  "PlanWritten",
  z.strictObject({
    ...planShape,
    tenants_affected: Count,
    perm_version: PermVersion.nullable().describe(
      "The caller's tenant's perm_version; null for a caller with no tenant",
    ),
  }),
  "The plan as written, and how many tenants are on it",
);

export const Tenant = component(
  "Tenant",
  z.strictObject({
    id: Id,
    name: z.string(),
    slug: z.string(),
    plan_id: Id.nullable(),
    plan: z.strictObject({ id: Id, code: z.string(), name: z.string() }).nullable(),
    perm_version: PermVersion,
    member_count: Count,
    created_at: Time,
    updated_at: Time,
  }),
);
export const TenantPage = page("TenantPage", Tenant);
export const TenantCreated = component(
  "TenantCreated",
  Tenant.extend({
    admin: z
      .strictObject({
        email: z.email(),
        outcome: z.enum(["member", "invited"]),
        invite_url: z.url().nullable().describe("`invited` only: the one-time link, in this answer only"),
      })
      .optional()
      .describe("With `admin_email`: the account made the tenant's Admin (`member`), or invited as its Admin"),
  }),
  "The new tenant; with `admin_email`, what became of its first Admin",
);

// ---- approvals, audit, keys, statistics, health ------------------------------------------------

const person = z.strictObject({ id: Id, email: z.email() });
export const Approval = component(
  "Approval",
  z.strictObject({
    id: Id,
    kind: z.enum(["role_grant", "user_override"]),
    status: z.enum(APPROVAL_STATUSES),
    role: z.strictObject({ id: Id, name: z.string() }).nullable(),
    user: person.nullable(),
    permission: z.strictObject({ id: Id, code: Code, name: z.string(), risk_level: RiskLevel }),
    payload: JsonObject.describe("What the grant would carry: scope and conditions, or effect, notes and expiry"),
    requested_by: person,
    decided_by: person.nullable(),
    reason: z.string().nullable(),
    created_at: Time,
    decided_at: Time.nullable(),
  }),
);
export const ApprovalPage = page("ApprovalPage", Approval, "Approval requests, newest first");
const approvalDecision = z.strictObject({
  id: Id,
  kind: z.enum(["role_grant", "user_override"]),
  status: z.enum(["approved", "rejected"]),
  reason: z.string().nullable(),
  decided_by: Id,
  decided_at: Time,
});
export const ApprovalApproved = withPermVersion("ApprovalApproved", approvalDecision, "Approved: the grant is applied");
export const ApprovalRejected = withPermVersion(
  "ApprovalRejected",
  approvalDecision,
  "Rejected: nothing granted, so perm_version does not change (the current one is answered)",
);

export const AuditEntry = component(
  "AuditEntry",
  z.strictObject({
    id: Id,
    seq: z.int().min(1),
    created_at: Time,
    actor_type: z.enum(["user", "api_key", "system"]),
    actor_id: Id.nullable(),
    actor: z.string().nullable(),
    action: z.string(),
    target_type: z.string().nullable(),
    target_id: z.string().nullable(),
    permission_code: Code.nullable(),
    before: JsonObject.nullable(),
    after: JsonObject.nullable(),
    ip: z.string().nullable(),
    user_agent: z.string().nullable(),
    notes: z.string().nullable(),
    hash: z.string().describe("This entry's link of the tenant's hash chain"),
  }),
);
export const AuditPage = page("AuditPage", AuditEntry, "Audit entries, newest first");
export const AuditVerification = component(
  "AuditVerification",
  z.strictObject({
    ok: z.boolean(),
    checked: Count,
    first_broken_id: Id.nullable(),
    first_broken_seq: z.int().nullable().describe("The first broken entry's position, or the first missing one"),
    head_seq: z
      .int()
      .nullable()
      .describe("The chain's anchored head: the position of its newest entry, kept beside the chain"),
    missing_tail: z
      .strictObject({ from_seq: z.int(), to_seq: z.int() })
      .nullable()
      .describe("Newest entries the head vouches for that are gone from the chain"),
  }),
  "Whether the tenant's hash chain is unbroken and ends at its anchored head, and where it breaks if not",
);

const apiKeyShape = {
  id: Id,
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(API_KEY_SCOPES)),
  created_by: Id.nullable(),
  created_at: Time,
  last_used_at: Time.nullable(),
  revoked_at: Time.nullable(),
  expires_at: Time.nullable().describe("After this instant the key is refused (401); null: never"),
};
export const ApiKey = component("ApiKey", z.strictObject(apiKeyShape));
export const ApiKeyPage = page("ApiKeyPage", ApiKey);
export const ApiKeyCreated = withPermVersion(
  "ApiKeyCreated",
  z.strictObject({
    ...apiKeyShape,
    secret: z.string().describe("The key itself: shown in this answer only, never again"),
  }),
  "The key, with its secret (this answer only) and the tenant's perm_version (a key changes no decision: the current one)",
);

export const CheckStatistics = component(
  "CheckStatistics",
  z.strictObject({
    from: Day,
    to: Day,
    data: z.array(z.strictObject({ code: Code, allowed: Count, denied: Count, total: Count })),
    next_cursor: z.null(),
    totals: z.strictObject({ allowed: Count, denied: Count, total: Count }),
    cache: z.strictObject({
      scope: z.literal("instance"),
      hits: Count,
      misses: Count,
      hit_rate: z.number().min(0).max(1).nullable(),
      loads: Count,
      invalidations: Count,
      flushes: Count,
    }),
  }),
  "Checks per permission over [from, to] (UTC days), and this instance's permission-cache figures",
);

export const DecisionEntry = component(
  "DecisionEntry",
  z.strictObject({
    at: Time,
    user_id: Id,
    user_email: z.string().nullable().describe("The user's email now; null when the user is gone"),
    code: Code,
    granted: z.boolean(),
    reason: z.string().describe("The engine's reason (role, override, plan, none, ...)"),
    via: JsonObject.nullable().describe("The rule that decided, as the check API answers it"),
    context: JsonObject.nullable(),
    source: z.enum(["check", "page", "action"]),
    api_key_id: Id.nullable(),
    count: z
      .int()
      .min(1)
      .describe("How many times the same decision was made before it was written (at: the first); 1 for most"),
  }),
);
export const DecisionPage = page(
  "DecisionPage",
  DecisionEntry,
  "Decisions of the tenant, newest first: every denial, granted ones sampled",
);

export const UsageStatistics = component(
  "UsageStatistics",
  z.strictObject({
    group_by: z.enum(["user", "code", "role"]),
    from: Day,
    to: Day,
    data: z.array(
      z.strictObject({
        key: z.string().describe("The user's or role's id, or the permission code"),
        label: z.string(),
        checks: Count,
        denials: Count,
        last_used_at: Time.nullable(),
        members: Count.optional().describe("group_by=role: members holding the role now"),
      }),
    ),
    next_cursor: z.null(),
  }),
  "Checks, denials and last use per group over [from, to] (UTC days); groups never used have zeros",
);

export const RoleMemberStatistics = component(
  "RoleMemberStatistics",
  z.strictObject({
    from: Day,
    to: Day,
    days: z.array(Day).describe("Every UTC day of [from, to], in order: the index of each role's members"),
    data: z.array(
      z.strictObject({
        key: Id.describe("The role's id"),
        label: z.string().describe("The role's name"),
        members_now: Count.describe("Members holding the role now (unexpired assignments)"),
        members: z
          .array(Count.nullable())
          .describe("Members per day of `days`: the day's last snapshot (today: now); null where none was taken"),
      }),
    ),
    next_cursor: z.null(),
  }),
  "Members per role per UTC day over [from, to], from hourly snapshots of the assignments",
);

export const Health = component("Health", z.strictObject({ ok: z.boolean(), db: z.enum(["pglite", "postgres"]) }));
export const Live = component("Live", z.strictObject({ ok: z.literal(true) }));

// ---- policy as code (docs/policy-as-code.md) -----------------------------------------------------

export const PolicyDocument = component(
  "PolicyDocument",
  policyDocument,
  "A tenant's policy as one document, keyed by codes, names and emails (never ids); also its own JSON Schema at /api/v1/policy/schema",
);
const policyChange = component(
  "PolicyChange",
  z.strictObject({
    op: z.enum(["add", "remove", "change"]),
    kind: z.enum(POLICY_KINDS),
    key: z
      .string()
      .describe(
        "A code, a role or template name, an email; `role:code` for a grant, `email:role` and `email:code` for assignments",
      ),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
  }),
  "One change applying a policy document makes",
);
const policyChanges = z.strictObject({ changes: z.array(policyChange) });
export const PolicyChanges = withPermVersion(
  "PolicyChanges",
  policyChanges,
  "The changes (a dry run: that it would make, at this perm_version, writing nothing; else: that it made)",
);
export const PolicyChangesPending = pendingApproval("PolicyChangesPending", policyChanges);
export const PolicyDocumentSchema = component(
  "PolicyDocumentSchema",
  z.looseObject({ $schema: z.string(), $id: z.string(), type: z.literal("object") }),
  "The policy document's JSON Schema (draft 2020-12), for editors",
);

export const LegacyMenusMigrated = component(
  "LegacyMenusMigrated",
  z.strictObject({
    dry_run: z.boolean(),
    roles: z.array(
      z.strictObject({
        role_id: Id,
        role: z.string(),
        legacy: z.array(z.string()).describe("The legacy menus the role holds"),
        added: z.array(Code).describe("Granted (a dry run: would be)"),
        approvals: z.array(Code).describe("Held back: they need an approval, requested"),
      }),
    ),
    skipped: z.array(z.strictObject({ role_id: Id, role: z.string(), reason: z.string() })),
    missing_codes: z.array(Code).describe("Mapped codes this tenant's catalog does not have (not granted)"),
    perm_version: Count,
  }),
  "Per role: the legacy menus it holds and the UI permissions granted for them (one transaction, one audit entry)",
);
export const UsersImported = component(
  "UsersImported",
  z.strictObject({
    dry_run: z.boolean(),
    rows: z.array(
      z.strictObject({
        line: Count.describe("The row's line in the file (the header is line 1)"),
        email: z.string(),
        outcome: z.enum(["created", "invited", "exists"]),
        roles: z.array(z.string()).describe("The role names the row gives"),
      }),
    ),
    perm_version: Count,
  }),
  "Each row's outcome: created, invited (an account of another tenant) or exists (left alone)",
);

// ---- what a route spec names: its documented success answers -------------------------------

export type SuccessStatus = 200 | 201 | 202 | 204;
export interface ResponseDoc {
  status: SuccessStatus | 503;
  description: string;
  /** The JSON body; none for 204 (and for non-JSON content). */
  schema?: z.ZodType;
  /** Default `application/json`. */
  mediaType?: string;
  /** Server-Sent Events: each event's name and the schema of its JSON `data:`. */
  events?: Record<string, z.ZodType>;
  /** Other representations of the same answer (content negotiation by `Accept`). */
  alternatives?: { mediaType: string; description: string }[];
}

export const ok = (schema: z.ZodType, description = "OK"): ResponseDoc => ({ status: 200, schema, description });
/** A Server-Sent Events answer: each event's name and the schema of its JSON `data:`. */
export const eventStream = (events: Record<string, z.ZodType>, description: string): ResponseDoc => ({
  status: 200,
  mediaType: "text/event-stream",
  schema: z.string(),
  events,
  description,
});
export const created = (schema: z.ZodType, description = "Created"): ResponseDoc => ({
  status: 201,
  schema,
  description,
});
export const accepted = (schema: z.ZodType): ResponseDoc => ({
  status: 202,
  schema,
  description: "Accepted: some grants await approval (`approval_ids`)",
});
export const noContent = (
  description = "Done; no body (the new perm_version is in X-Perm-Version where the write can change a decision)",
): ResponseDoc => ({ status: 204, description });
