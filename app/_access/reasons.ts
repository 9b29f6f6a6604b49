/** The refusal's words, used by app/forbidden.tsx. */
export const SUPER_ADMIN_REASON =
  "This page is for platform super-admins, who manage plans and tenants for every organization. Your account is not one.";
export const ROLES_REASON = "Your roles do not grant it. Ask an administrator of your organization if you need it.";
