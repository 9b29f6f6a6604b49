/**
 * The world in node-casbin: RBAC with domains (one enforcer per tenant, the model in code,
 * policies loaded from memory through a StringAdapter). Role grants are `p` lines on the granted
 * code and on `code.*` — keyMatch expands the code tree; the Admin role holds `*`. Role
 * inheritance and user assignments are `g` lines. Inactive and plan-gated codes are denied to
 * everyone (`*`); each user's exceptions (override allows; override denies and missing
 * dependencies) are allow/deny lines on their id, and deny wins.
 */
import { type Enforcer, newEnforcer, newModelFromString, StringAdapter } from "casbin";
import type { TenantExpansion } from "./expand";

const MODEL = `
[request_definition]
r = sub, dom, obj, act

[policy_definition]
p = sub, dom, obj, act, eft

[role_definition]
g = _, _, _

[policy_effect]
e = some(where (p.eft == allow)) && !some(where (p.eft == deny))

[matchers]
m = keyMatch(r.obj, p.obj) && r.dom == p.dom && r.act == p.act && (p.sub == "*" || g(r.sub, p.sub, r.dom))
`;

export async function casbinEnforcer(tenant: TenantExpansion, userIds: readonly string[]): Promise<Enforcer> {
  const s = tenant.s;
  const dom = s.tenantId;
  const lines: string[] = [];
  for (const role of s.roles) {
    if (role.grantsAll) lines.push(`p, ${role.id}, ${dom}, *, access, allow`);
    for (const code of new Set(tenant.grantCodes(role.id)))
      lines.push(`p, ${role.id}, ${dom}, ${code}, access, allow`, `p, ${role.id}, ${dom}, ${code}.*, access, allow`);
    for (const parent of role.parentIds) lines.push(`g, ${role.id}, ${parent}, ${dom}`);
  }
  for (const code of tenant.blocked) lines.push(`p, *, ${dom}, ${code}, access, deny`);
  for (const userId of userIds) {
    const user = tenant.user(userId);
    for (const roleId of user.assigned) lines.push(`g, ${userId}, ${roleId}, ${dom}`);
    const fromRoles = user.isSuperAdmin ? new Set<string>() : user.fromRoles;
    for (const c of user.effective) if (!fromRoles.has(c)) lines.push(`p, ${userId}, ${dom}, ${c}, access, allow`);
    for (const c of fromRoles) if (!user.effective.has(c)) lines.push(`p, ${userId}, ${dom}, ${c}, access, deny`);
    // A user with no role (a non-member keeps theirs in the snapshot) must not inherit grants.
    if (!user.isSuperAdmin && user.effective.size === 0 && user.assigned.length > 0)
      lines.push(`p, ${userId}, ${dom}, *, access, deny`);
  }
  return newEnforcer(newModelFromString(MODEL), new StringAdapter(lines.join("\n")));
}

export function policyCount(e: Enforcer): number {
  return e.getModel().model.get("p")?.get("p")?.policy.length ?? 0;
}
