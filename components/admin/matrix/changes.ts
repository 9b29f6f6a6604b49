/**
 * What the pending edits amount to: the save preview per role (its users and the roles that
 * inherit from it), the one all-or-nothing PATCH, and re-applying edits onto reloaded data.
 */

import type { MatrixData, MatrixPermission } from "@/lib/query/matrix";
import { descendantsOf, type Pending, type RoleNode, splitKey } from "./model";

export interface Change {
  roleId: string;
  code: string;
  grant: boolean;
}

export function changesOf(pending: Pending): Change[] {
  return [...pending].map(([key, grant]) => ({ ...splitKey(key), grant }));
}

export interface RoleDiff {
  roleId: string;
  name: string;
  version: number;
  added: MatrixPermission[];
  removed: MatrixPermission[];
  /** Members holding the role itself, and those holding a role that inherits from it. */
  users: number;
  inheritedBy: { name: string; users: number }[];
}

export interface DiffSummary {
  roles: RoleDiff[];
  added: number;
  removed: number;
  users: number;
  highRisk: number;
  approvals: number;
  mfa: number;
}

const HIGH = new Set(["high", "critical"]);
export const isHighRisk = (p: { risk_level: string }) => HIGH.has(p.risk_level);

/** The save preview: per role, what it gains and loses, sorted by code, and whom it touches. */
export function diffOf(
  pending: Pending,
  roles: ReadonlyMap<string, RoleNode>,
  versions: ReadonlyMap<string, number>,
  userCounts: ReadonlyMap<string, number>,
  permissions: ReadonlyMap<string, MatrixPermission>,
): DiffSummary {
  const perRole = new Map<string, RoleDiff>();
  for (const c of changesOf(pending)) {
    const role = roles.get(c.roleId);
    const perm = permissions.get(c.code);
    if (!role || !perm) continue;
    let d = perRole.get(c.roleId);
    if (!d) {
      const inheritedBy = descendantsOf(c.roleId, roles).map((id) => ({
        name: roles.get(id)!.name,
        users: userCounts.get(id) ?? 0,
      }));
      d = {
        roleId: c.roleId,
        name: role.name,
        version: versions.get(c.roleId) ?? 1,
        added: [],
        removed: [],
        users: (userCounts.get(c.roleId) ?? 0) + inheritedBy.reduce((n, r) => n + r.users, 0),
        inheritedBy,
      };
      perRole.set(c.roleId, d);
    }
    (c.grant ? d.added : d.removed).push(perm);
  }
  const list = [...perRole.values()].sort((a, b) => a.name.localeCompare(b.name));
  const byCode = (a: MatrixPermission, b: MatrixPermission) => (a.code < b.code ? -1 : 1);
  for (const d of list) d.added.sort(byCode), d.removed.sort(byCode);
  const all = list.flatMap((d) => [...d.added, ...d.removed]);
  return {
    roles: list,
    added: list.reduce((n, d) => n + d.added.length, 0),
    removed: list.reduce((n, d) => n + d.removed.length, 0),
    users: list.reduce((n, d) => n + d.users, 0),
    highRisk: all.filter(isHighRisk).length,
    approvals: list.reduce((n, d) => n + d.added.filter((p) => p.requires_approval).length, 0),
    mfa: all.filter((p) => p.requires_mfa).length,
  };
}

/** The one PATCH: every role's grants and revokes with the version its edits were made against. */
export function patchBody(pending: Pending, versionOf: (roleId: string) => number) {
  const byRole = new Map<string, { role_id: string; version: number; grant: string[]; revoke: string[] }>();
  for (const c of changesOf(pending)) {
    const entry = byRole.get(c.roleId) ?? { role_id: c.roleId, version: versionOf(c.roleId), grant: [], revoke: [] };
    byRole.set(c.roleId, entry);
    (c.grant ? entry.grant : entry.revoke).push(c.code);
  }
  return { changes: [...byRole.values()].map((e) => ({ ...e, grant: e.grant.sort(), revoke: e.revoke.sort() })) };
}

export interface Dropped {
  change: Change;
  reason: string;
}

/**
 * After a reload: keeps the edits that still change something, drops the rest and says why
 * (the role went away or became read-only, the permission went away, or someone already did it).
 */
export function rebase(
  pending: Pending,
  fresh: MatrixData,
): { pending: Map<string, boolean>; kept: Change[]; dropped: Dropped[] } {
  const roles = new Map(fresh.roles.map((r) => [r.id, r]));
  const codes = new Set(fresh.permissions.map((p) => p.code));
  const next = new Map<string, boolean>();
  const kept: Change[] = [];
  const dropped: Dropped[] = [];
  for (const change of changesOf(pending)) {
    const role = roles.get(change.roleId);
    const has = new Set(fresh.grants[change.roleId] ?? []).has(change.code);
    let reason: string | null = null;
    if (!role) reason = "the role was deleted";
    else if (role.is_system || role.grants_all) reason = "the role is read-only";
    else if (!codes.has(change.code)) reason = "the permission no longer exists";
    else if (has === change.grant) reason = change.grant ? "someone already granted it" : "someone already revoked it";
    if (reason) dropped.push({ change, reason });
    else next.set(`${change.roleId}|${change.code}`, change.grant), kept.push(change);
  }
  return { pending: next, kept, dropped };
}

/** The matrix as the server now has it after a successful PATCH (until the refetch lands). */
export function applySaved(
  old: MatrixData,
  saved: { roles: { role_id: string; version: number; added: string[]; removed: string[] }[] },
): MatrixData {
  const grants = { ...old.grants };
  for (const r of saved.roles) {
    const set = new Set(grants[r.role_id] ?? []);
    for (const c of r.added) set.add(c);
    for (const c of r.removed) set.delete(c);
    grants[r.role_id] = [...set].sort();
  }
  const versions = new Map(saved.roles.map((r) => [r.role_id, r.version]));
  return {
    ...old,
    grants,
    roles: old.roles.map((r) => (versions.has(r.id) ? { ...r, version: versions.get(r.id)! } : r)),
  };
}
