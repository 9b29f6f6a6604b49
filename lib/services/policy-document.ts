import "server-only";
import { stringify } from "yaml";
import {
  POLICY_FORMAT,
  type PolicyChange,
  type PolicyDocument,
  type PolicyMember,
  type PolicyPermission,
  type PolicyRole,
  type PolicyTemplate,
} from "@/lib/validation/policy";
import { stable } from "./audit-chain";

/**
 * The policy document's one canonical form, and the difference between two of them. Pure: no
 * database. Every list is sorted by its key (code, name, email; by code point, never by locale)
 * and every object is written in one fixed key order, so two exports of the same state are the
 * same bytes and a diff in version control shows only real changes.
 */

const byKey =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
const lower = (s: string) => s.toLowerCase();
/** A time as the database gives it back: UTC, milliseconds, `Z` (so "+02:00" and "Z" forms compare equal). */
const time = (t: string | null) => (t === null ? null : new Date(t).toISOString());

const permission = (p: PolicyPermission): PolicyPermission => ({
  code: p.code,
  name: p.name,
  description: p.description,
  module: p.module,
  category: p.category,
  resource: p.resource,
  action: p.action,
  risk_level: p.risk_level,
  requires_mfa: p.requires_mfa,
  requires_approval: p.requires_approval,
  is_active: p.is_active,
  deprecated: p.deprecated,
  // As the catalog keeps them: a permission that is not deprecated has no message and no replacement.
  deprecated_message: p.deprecated ? p.deprecated_message : null,
  replacement: p.deprecated ? p.replacement : null,
  sort_order: p.sort_order,
  depends_on: [...p.depends_on].sort(),
});

const role = (r: PolicyRole): PolicyRole => ({
  name: r.name,
  description: r.description,
  is_system: r.is_system,
  grants_all: r.grants_all,
  is_default: r.is_default,
  parents: [...r.parents].sort(byKey(lower)),
  grants: r.grants
    .map((g) => ({
      code: g.code,
      scope: g.scope,
      conditions: g.conditions ? (stable(g.conditions) as Record<string, unknown>) : null,
    }))
    .sort(byKey((g) => g.code)),
});

const template = (t: PolicyTemplate): PolicyTemplate => ({
  name: t.name,
  description: t.description,
  permissions: Object.fromEntries(Object.entries(t.permissions).sort(byKey(([code]) => code))),
});

const member = (m: PolicyMember): PolicyMember => ({
  email: lower(m.email),
  roles: m.roles.map((r) => ({ name: r.name, expires_at: time(r.expires_at) })).sort(byKey((r) => lower(r.name))),
  overrides: m.overrides
    .map((o) => ({ code: o.code, effect: o.effect, notes: o.notes, expires_at: time(o.expires_at) }))
    .sort(byKey((o) => o.code)),
});

export function canonicalPolicy(doc: PolicyDocument): PolicyDocument {
  return {
    gatehouse_policy: POLICY_FORMAT,
    permissions: doc.permissions.map(permission).sort(byKey((p) => p.code)),
    roles: doc.roles.map(role).sort(byKey((r) => lower(r.name))),
    templates: doc.templates.map(template).sort(byKey((t) => lower(t.name))),
    ...(doc.members ? { members: doc.members.map(member).sort(byKey((m) => m.email)) } : {}),
  };
}

/** JSON, two-space indented, with a final newline. */
export const policyJson = (doc: PolicyDocument) => `${JSON.stringify(canonicalPolicy(doc), null, 2)}\n`;

/**
 * YAML 1.2 (the `yaml` package): block style, no line folding (a long description stays one
 * line, so a change to it is a one-line diff), no anchors or aliases.
 */
export const policyYaml = (doc: PolicyDocument) =>
  stringify(canonicalPolicy(doc), { lineWidth: 0, aliasDuplicateObjects: false });

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Adds, removes and changes of one kind between two keyed lists (keys compared case-insensitively). */
function diffList<T>(
  out: PolicyChange[],
  kind: PolicyChange["kind"],
  before: readonly T[],
  after: readonly T[],
  key: (item: T) => string,
  caseless = false,
) {
  const norm = (k: string) => (caseless ? lower(k) : k);
  const was = new Map(before.map((item) => [norm(key(item)), item]));
  const now = new Map(after.map((item) => [norm(key(item)), item]));
  for (const [k, item] of now) {
    const old = was.get(k);
    if (old === undefined) out.push({ op: "add", kind, key: key(item), after: item });
    else if (!same(old, item)) out.push({ op: "change", kind, key: key(item), before: old, after: item });
  }
  for (const [k, item] of was) if (!now.has(k)) out.push({ op: "remove", kind, key: key(item), before: item });
}

type Grant = PolicyRole["grants"][number] & { role: string };
const grantsOf = (roles: PolicyRole[]): Grant[] => roles.flatMap((r) => r.grants.map((g) => ({ role: r.name, ...g })));
const roleFields = ({ grants: _g, ...fields }: PolicyRole) => fields;

type Assigned = { email: string; name: string; expires_at: string | null };
type Override = PolicyMember["overrides"][number] & { email: string };

/**
 * What applying `desired` over `current` changes, per kind and key, in a fixed order: permissions
 * (with their dependencies), roles (fields and parents), grants (`role:code`), templates, and —
 * only when `desired` lists members — members' roles (`email:role`) and overrides (`email:code`).
 */
export function diffPolicy(current: PolicyDocument, desired: PolicyDocument): PolicyChange[] {
  const a = canonicalPolicy(current);
  const b = canonicalPolicy(desired);
  const out: PolicyChange[] = [];
  diffList(out, "permission", a.permissions, b.permissions, (p) => p.code);
  diffList(out, "role", a.roles.map(roleFields), b.roles.map(roleFields), (r) => r.name, true);
  // A role that is added or removed takes its grants with it: listed too, so a reviewer sees them.
  diffList(out, "grant", grantsOf(a.roles), grantsOf(b.roles), (g) => `${g.role}:${g.code}`, true);
  diffList(out, "template", a.templates, b.templates, (t) => t.name, true);
  if (b.members) {
    const listed = new Set(b.members.map((m) => m.email));
    // Members the document does not list are left alone: a document assigns, it does not enrol.
    const mine = (a.members ?? []).filter((m) => listed.has(m.email));
    const roles = (ms: PolicyMember[]): Assigned[] => ms.flatMap((m) => m.roles.map((r) => ({ email: m.email, ...r })));
    const overrides = (ms: PolicyMember[]): Override[] =>
      ms.flatMap((m) => m.overrides.map((o) => ({ email: m.email, ...o })));
    diffList(out, "member_role", roles(mine), roles(b.members), (r) => `${r.email}:${r.name}`, true);
    diffList(out, "override", overrides(mine), overrides(b.members), (o) => `${o.email}:${o.code}`);
  }
  return out;
}
