/**
 * Role and user expansion for the comparison engines (CASL, casbin), written separately from
 * the engine from docs/design.md §3 without a context: roles expanded through inheritance and the
 * code tree, the plan and inactive codes masked, overrides applied most-specific-last, and
 * permissions whose transitive dependencies are not granted dropped. What CASL and casbin are
 * given is rules derived from this; their answers are then checked against the engine's.
 */
import type { TenantSnapshot } from "../lib/permissions/types";

const within = (ancestor: string, code: string) => code === ancestor || code.startsWith(ancestor + ".");
const unexpired = (expiresAt: number | null, now: number) => expiresAt === null || expiresAt > now;

export interface UserExpansion {
  /** Roles assigned (unexpired). */
  assigned: string[];
  /** Roles held: assigned and inherited. */
  held: string[];
  /** Codes granted by held roles, minus inactive and plan-gated ones. */
  fromRoles: Set<string>;
  /** The effective set. */
  effective: Set<string>;
  isSuperAdmin: boolean;
}

export class TenantExpansion {
  readonly codes: string[];
  /** Codes that pass the inactive and plan rules. */
  readonly allowed: Set<string>;
  readonly blocked: string[];
  private readonly ownCodes = new Map<string, string[]>();
  private readonly deps = new Map<string, string[]>();
  private readonly closures = new Map<string, string[]>();
  private readonly users = new Map<string, UserExpansion>();

  constructor(
    readonly s: TenantSnapshot,
    readonly now: number,
  ) {
    this.codes = [
      ...new Set(s.permissions.filter((p) => p.tenantId === null || p.tenantId === s.tenantId).map((p) => p.code)),
    ];
    const included = new Set(s.planMenuItemIds);
    const active = s.menuItems.filter((m) => m.isActive);
    this.allowed = new Set(
      this.codes.filter((code) => {
        const perm = s.permissions.find((p) => p.code === code)!;
        if (!perm.isActive) return false;
        if (s.plan === null) return true;
        const owners = active.filter((m) => within(m.resource, code));
        const longest = Math.max(-1, ...owners.map((m) => m.resource.length));
        const top = owners.filter((m) => m.resource.length === longest);
        return top.length === 0 || top.some((m) => included.has(m.id));
      }),
    );
    this.blocked = this.codes.filter((c) => !this.allowed.has(c));
    for (const role of s.roles) {
      const grants = s.grants.filter((g) => g.roleId === role.id).map((g) => g.code);
      this.ownCodes.set(
        role.id,
        role.grantsAll ? this.codes : this.codes.filter((c) => grants.some((g) => within(g, c))),
      );
    }
    for (const d of s.dependencies) this.deps.set(d.code, [...(this.deps.get(d.code) ?? []), d.dependsOn]);
  }

  /** The role's own grant codes (for casbin, which expands the tree with keyMatch). */
  grantCodes(roleId: string): string[] {
    return this.s.grants.filter((g) => g.roleId === roleId).map((g) => g.code);
  }

  /** Catalog codes the role's own grants cover, inactive and plan-gated ones removed. */
  roleCodes(roleId: string): string[] {
    return (this.ownCodes.get(roleId) ?? []).filter((c) => this.allowed.has(c));
  }

  user(userId: string): UserExpansion {
    const known = this.users.get(userId);
    if (known !== undefined) return known;
    const expansion = this.expand(userId);
    this.users.set(userId, expansion);
    return expansion;
  }

  private expand(userId: string): UserExpansion {
    const s = this.s;
    const member = s.members.find((m) => m.userId === userId);
    const isSuperAdmin = s.superAdminIds.includes(userId) || member?.isSuperAdmin === true;
    const assigned = s.userRoles
      .filter((ur) => ur.userId === userId && unexpired(ur.expiresAt, this.now))
      .map((ur) => ur.roleId);
    const held = new Set<string>();
    const visit = (id: string) => {
      if (held.has(id)) return;
      held.add(id);
      for (const p of s.roles.find((r) => r.id === id)?.parentIds ?? []) visit(p);
    };
    assigned.forEach(visit);
    const fromRoles = new Set<string>();
    for (const id of held) for (const c of this.roleCodes(id)) fromRoles.add(c);
    if (!isSuperAdmin && member?.active !== true)
      return { assigned, held: [...held], fromRoles, effective: new Set(), isSuperAdmin };

    let granted: Set<string>;
    if (isSuperAdmin) granted = new Set(this.allowed);
    else {
      granted = new Set(fromRoles);
      const overrides = s.overrides.filter((o) => o.userId === userId && unexpired(o.expiresAt, this.now));
      for (const code of overrides.length === 0 ? [] : this.codes) {
        const applying = overrides
          .filter((o) => within(o.code, code))
          .sort((a, b) => b.code.length - a.code.length || (a.effect === "deny" ? -1 : 1));
        const o = applying[0];
        if (o === undefined) continue;
        if (o.effect === "allow" && this.allowed.has(code)) granted.add(code);
        if (o.effect === "deny") granted.delete(code);
      }
    }
    const effective = new Set([...granted].filter((code) => this.closure(code).every((d) => granted.has(d))));
    return { assigned, held: [...held], fromRoles, effective, isSuperAdmin };
  }

  private closure(code: string): string[] {
    const known = this.closures.get(code);
    if (known !== undefined) return known;
    const seen = new Set<string>([code]);
    const stack = [code];
    while (stack.length > 0)
      for (const d of this.deps.get(stack.pop()!) ?? []) if (!seen.has(d)) seen.add(d), stack.push(d);
    seen.delete(code);
    this.closures.set(code, [...seen]);
    return [...seen];
  }
}
