/**
 * The world in CASL: one Ability per user, built from the expanded rules — a `can` rule per held
 * role (its codes through the code tree, inactive and plan-gated ones removed), then the user's
 * exceptions (override allows; override denies and missing dependencies as `cannot`, which win
 * as later rules). Subjects are permission codes, the action is `access`.
 */
import { createMongoAbility, type MongoAbility, type RawRuleOf } from "@casl/ability";
import type { TenantExpansion } from "./expand";

export type CodeAbility = MongoAbility<["access", string]>;

export function caslAbility(tenant: TenantExpansion, userId: string): CodeAbility {
  const user = tenant.user(userId);
  const rules: RawRuleOf<CodeAbility>[] = [];
  if (user.isSuperAdmin) {
    rules.push({ action: "access", subject: [...user.effective] });
  } else {
    for (const roleId of user.held) {
      const codes = tenant.roleCodes(roleId);
      if (codes.length > 0) rules.push({ action: "access", subject: codes });
    }
    const allow = [...user.effective].filter((c) => !user.fromRoles.has(c));
    const deny = [...user.fromRoles].filter((c) => !user.effective.has(c));
    if (allow.length > 0) rules.push({ action: "access", subject: allow });
    if (deny.length > 0) rules.push({ action: "access", subject: deny, inverted: true });
  }
  return createMongoAbility<CodeAbility>(rules);
}
