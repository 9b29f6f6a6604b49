import type { AuditAction } from "@/lib/validation/audit";

/**
 * What each audit event is called on screen. The event code (`role.permissions.updated`) stays the
 * stored value and the URL's; people read these names in the log, its filter and the overview.
 */
export const ACTION_NAMES: Record<AuditAction, string> = {
  "role.created": "Role created",
  "role.updated": "Role renamed or edited",
  "role.deleted": "Role deleted",
  "role.permissions.updated": "Role permissions changed",
  "role.parents.updated": "Role inheritance changed",
  "user.created": "User added",
  "user.role.assigned": "Role given to a user",
  "user.role.removed": "Role taken from a user",
  "user.override.set": "User exception set",
  "user.override.removed": "User exception removed",
  "user.membership.updated": "Membership changed",
  "user.membership.removed": "Membership ended",
  "invitation.created": "Invitation sent",
  "invitation.accepted": "Invitation accepted",
  "invitation.revoked": "Invitation revoked",
  "user.sessions.ended": "Sessions signed out",
  "permission.created": "Permission created",
  "permission.updated": "Permission edited",
  "permission.deleted": "Permission deleted",
  "permission.dependencies.updated": "Permission prerequisites changed",
  "module.created": "Module created",
  "module.updated": "Module edited",
  "module.deleted": "Module deleted",
  "menu_item.created": "Menu item created",
  "menu_item.updated": "Menu item edited",
  "menu_item.deleted": "Menu item deleted",
  "template.created": "Template created",
  "template.updated": "Template edited",
  "template.deleted": "Template deleted",
  "template.applied": "Template applied",
  "plan.created": "Plan created",
  "plan.updated": "Plan edited",
  "plan.features.updated": "Plan features changed",
  "tenant.created": "Tenant created",
  "tenant.updated": "Tenant edited",
  "policy.applied": "Policy document applied",
  "department.created": "Department created",
  "department.updated": "Department renamed",
  "department.deleted": "Department deleted",
  "team.created": "Team created",
  "team.updated": "Team renamed",
  "team.deleted": "Team deleted",
  "team.members.updated": "Team members changed",
  "user.department.updated": "User moved to a department",
  "policy.legacy_menus_migrated": "Legacy menus migrated",
  "approval.requested": "Approval requested",
  "approval.approved": "Approval granted",
  "approval.rejected": "Approval rejected",
  "api_key.created": "API key created",
  "api_key.revoked": "API key revoked",
  "access.denied": "Access denied",
};

/** The readable name of an action; an unknown code (a newer server) falls back to the code itself. */
export function actionName(action: string): string {
  return (ACTION_NAMES as Record<string, string>)[action] ?? action;
}
