/**
 * Every `/api/v1` path the browser calls (API.md is the contract): declared here once, so a
 * component names a resource (`paths.role(id)`) instead of spelling a URL, and a renamed route is
 * one edit. Query keys (keys.ts) are built from these same strings.
 */
const V1 = "/api/v1";
const seg = encodeURIComponent;

export const paths = {
  openapi: `${V1}/openapi.json`,
  check: `${V1}/check`,
  bulkCheck: `${V1}/check/bulk`,

  myPermissions: `${V1}/me/permissions`,
  myMenus: `${V1}/me/menus`,
  myPermissionMap: `${V1}/me/permission-map`,
  myStream: `${V1}/me/stream`,
  myTenant: `${V1}/me/tenant`,
  myMfa: `${V1}/me/mfa`,
  myMfaEnrol: `${V1}/me/mfa/enrol`,
  myMfaEnrolConfirm: `${V1}/me/mfa/enrol/confirm`,
  myMfaVerify: `${V1}/me/mfa/verify`,
  myMfaRecoveryCodes: `${V1}/me/mfa/recovery-codes`,
  myMfaDisable: `${V1}/me/mfa/disable`,
  mySessions: `${V1}/me/sessions`,
  mySession: (id: string) => `${V1}/me/sessions/${seg(id)}`,

  policy: `${V1}/policy`,
  roles: `${V1}/roles`,
  role: (id: string) => `${V1}/roles/${seg(id)}`,
  roleUsers: (id: string) => `${V1}/roles/${seg(id)}/users`,
  rolePermissions: (id: string) => `${V1}/roles/${seg(id)}/permissions`,
  roleCopy: (id: string) => `${V1}/roles/${seg(id)}/copy`,
  matrix: `${V1}/matrix`,

  permissions: `${V1}/permissions`,
  permission: (id: string) => `${V1}/permissions/${seg(id)}`,
  permissionGroups: `${V1}/permissions/groups`,
  /** `{code}` to read (GET), `{id}` to replace (PUT): the API takes either reference. */
  permissionDependencies: (ref: string) => `${V1}/permissions/${seg(ref)}/dependencies`,
  permissionHolders: (code: string) => `${V1}/permissions/${seg(code)}/holders`,
  modules: `${V1}/modules`,
  module: (id: string) => `${V1}/modules/${seg(id)}`,
  menuItems: `${V1}/menu-items`,
  menuItem: (id: string) => `${V1}/menu-items/${seg(id)}`,

  users: `${V1}/users`,
  user: (id: string) => `${V1}/users/${seg(id)}`,
  userSessions: (id: string) => `${V1}/users/${seg(id)}/sessions`,
  userRoles: (id: string) => `${V1}/users/${seg(id)}/roles`,
  userRole: (id: string, roleId: string) => `${V1}/users/${seg(id)}/roles/${seg(roleId)}`,
  userPermissions: (id: string) => `${V1}/users/${seg(id)}/permissions`,
  userOverride: (id: string, permissionId: string) => `${V1}/users/${seg(id)}/permissions/${seg(permissionId)}`,
  userPermissionStats: (id: string) => `${V1}/users/${seg(id)}/permissions/stats`,
  userExplain: (id: string, code: string) => `${V1}/users/${seg(id)}/permissions/${seg(code)}/explain`,
  userAudit: (id: string) => `${V1}/users/${seg(id)}/audit`,
  invitations: `${V1}/invitations`,
  invitation: (id: string) => `${V1}/invitations/${seg(id)}`,

  departments: `${V1}/departments`,
  department: (id: string) => `${V1}/departments/${seg(id)}`,
  teams: `${V1}/teams`,
  team: (id: string) => `${V1}/teams/${seg(id)}`,
  teamMembers: (id: string) => `${V1}/teams/${seg(id)}/members`,
  templates: `${V1}/templates`,
  template: (id: string) => `${V1}/templates/${seg(id)}`,
  templateApply: (id: string) => `${V1}/templates/${seg(id)}/apply`,

  plans: `${V1}/plans`,
  plan: (id: string) => `${V1}/plans/${seg(id)}`,
  planFeatures: (id: string) => `${V1}/plans/${seg(id)}/features`,
  tenants: `${V1}/tenants`,
  tenant: (id: string) => `${V1}/tenants/${seg(id)}`,
  tenantPlanImpact: (id: string) => `${V1}/tenants/${seg(id)}/plan-impact`,

  approvals: `${V1}/approvals`,
  approvalDecision: (id: string, decision: "approve" | "reject") => `${V1}/approvals/${seg(id)}/${decision}`,
  audit: `${V1}/audit`,
  auditVerify: `${V1}/audit/verify`,
  apiKeys: `${V1}/api-keys`,
  apiKeyById: (id: string) => `${V1}/api-keys/${seg(id)}`,
  checkStats: `${V1}/stats/checks`,
  usageStats: `${V1}/stats/usage`,
  roleMemberStats: `${V1}/stats/role-members`,
  decisions: `${V1}/decisions`,
} as const;
