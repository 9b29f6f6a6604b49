import "server-only";
import { eq } from "drizzle-orm";
import { membersByEmail } from "@/db/queries/policy";
import { permissions, templates } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import { tenantOf } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import type { PolicyChange, PolicyDocument, PolicyPermission, PolicyRole } from "@/lib/validation/policy";
import { replaceDependencies } from "./catalog-dependencies";
import { tenantCatalog } from "./catalog-transaction";
import type { ServiceContext } from "./context";
import { changePermission, insertPermission, removePermission } from "./permission-writes";
import { readPolicy } from "./policy";
import { canonicalPolicy, diffPolicy } from "./policy-document";
import { applyGrants, bumpRoleVersionIfChanged, lockRole } from "./role-grants";
import { changeRole, insertRole, removeRoleRow } from "./role-writes";
import { changeTemplate, insertTemplate, removeTemplate, tenantTemplates } from "./template-writes";
import { assignRoleInTx, setOverridesInTx, unassignRoleInTx } from "./user-writes";
import { auditingRefusals, permissionWrite, rolledBack, type WriteContext, writeState } from "./write-transaction";
import { written } from "./written";

type Approval = { id: string; code: string };

/** The `manage` code each kind of change needs, beyond gatehouse.roles.manage (the route's). */
const AREA: Record<
  PolicyChange["kind"],
  "gatehouse.permissions.manage" | "gatehouse.templates.manage" | "gatehouse.users.manage" | null
> = {
  permission: "gatehouse.permissions.manage",
  role: null,
  grant: null,
  template: "gatehouse.templates.manage",
  member_role: "gatehouse.users.manage",
  override: "gatehouse.users.manage",
};

type AreaCode = NonNullable<(typeof AREA)[PolicyChange["kind"]]>;
const areasOf = (changes: PolicyChange[]) =>
  new Set(changes.map((c) => AREA[c.kind]).filter((code): code is AreaCode => code !== null));

/**
 * The gate for the areas a document changes, asked before the write's transaction (the gate may
 * read the database, which an open PGlite transaction would hold): answers the codes checked.
 */
async function authorizeAreas(ctx: ServiceContext, desired: PolicyDocument): Promise<Set<AreaCode>> {
  await authorize(ctx.principal, "gatehouse.roles.manage");
  const tenantId = tenantOf(ctx.principal);
  const current = await ctx.db.transaction((tx) => readPolicy(tx, tenantId, desired.members !== undefined));
  const areas = areasOf(diffPolicy(current, desired));
  // Refused, it is a denied admin action: audited (DESIGN §6), as permissionWrite audits its 403s.
  for (const code of areas) await auditingRefusals(ctx, tenantId, () => authorize(ctx.principal, code));
  return areas;
}

function preconditionFailed(current: number, sent: number) {
  return new ApiError(
    412,
    "Precondition failed",
    `The tenant changed since perm_version ${sent} (now ${current}): export or dry-run again, review, and apply.`,
    { current_perm_version: current },
  );
}

/**
 * `PUT /api/v1/policy?dry_run=true`: what applying `doc` would change. It applies it — every step,
 * every rule, so a document that would be refused is refused now, naming the rule — and rolls the
 * transaction back: nothing is written, audited, bumped or notified. The answer's perm_version is
 * the one the changes were computed at: send it back as If-Match to apply exactly what was reviewed.
 */
export async function previewPolicy(ctx: ServiceContext, doc: PolicyDocument) {
  const desired = canonicalPolicy(doc);
  const authorized = await authorizeAreas(ctx, desired);
  return rolledBack(ctx, async (w): Promise<{ changes: PolicyChange[]; perm_version: number }> => {
    const { changes } = await applyInWrite(w, desired, null, authorized);
    return { changes, perm_version: w.snapshot.permVersion };
  });
}

/**
 * `PUT /api/v1/policy`: makes the tenant's policy what `doc` says, in one transaction under the
 * tenant's write lock (`applyInWrite`). The many entries the single writes would audit become one
 * `policy.applied` entry listing the changes.
 */
export async function applyPolicy(ctx: ServiceContext, doc: PolicyDocument, ifMatch: number | null) {
  const desired = canonicalPolicy(doc);
  const authorized = await authorizeAreas(ctx, desired);
  const { result, permVersion } = await permissionWrite(ctx, async (w) => {
    const { changes, approvals } = await applyInWrite(w, desired, ifMatch, authorized);
    // One entry for the whole document (the sequence's own entries are what it lists). Its target
    // type is none of the single writes', so the commit drops all the tenant holds (changeOf).
    if (w.audit.length)
      w.audit.splice(0, w.audit.length, {
        action: "policy.applied",
        targetType: "policy",
        targetId: w.tenantId,
        after: { changes, ...(approvals.length ? { approvals } : {}) },
      });
    return { changes, approvals };
  });
  return written({ changes: result.changes }, permVersion, { approvals: result.approvals });
}

/**
 * The sequence of the single writes the API offers (create a permission, set its dependencies,
 * create or change a role, its parents, its grants, a template, a member's roles and overrides,
 * delete what the document no longer has), each through the same service function, each checked
 * on the state the previous ones left — so every rule of DESIGN §3.5 is the existing
 * implementation's, and a refusal anywhere rolls everything back.
 */
async function applyInWrite(
  w: WriteContext,
  desired: PolicyDocument,
  ifMatch: number | null,
  authorized: Set<AreaCode>,
) {
  if (ifMatch !== null && w.snapshot.permVersion !== ifMatch) throw preconditionFailed(w.snapshot.permVersion, ifMatch);
  requireKnownCodes(w, desired);
  const current = await readPolicy(w.tx, w.tenantId, desired.members !== undefined);
  const changes = diffPolicy(current, desired);
  // The state under the lock may differ from the one the gate was asked about (a write between).
  if ([...areasOf(changes)].some((code) => !authorized.has(code)))
    throw ApiError.conflict("The tenant changed while the document was being checked: send it again.");
  const approvals: Approval[] = [];
  if (changes.length) {
    await applyPermissions(w, current, desired, changes);
    approvals.push(...(await applyRoles(w, current, desired, changes)));
    await applyTemplates(w, changes);
    if (desired.members) approvals.push(...(await applyMembers(w, desired, changes)));
    await removeRoles(w, changes);
    await removePermissions(w, changes);
  }
  return { changes, approvals };
}

/**
 * Every code the document names — in grants, templates, overrides, dependencies, replacements —
 * is a global one or one of the document's own permissions. (Else a grant of a custom permission
 * the document drops would be kept, then vanish with it.)
 */
function requireKnownCodes(w: WriteContext, doc: PolicyDocument) {
  const known = new Set([
    ...w.snapshot.permissions.filter((p) => p.tenantId === null).map((p) => p.code),
    ...doc.permissions.map((p) => p.code),
  ]);
  const named = [
    ...doc.permissions.flatMap((p) => [...p.depends_on, ...(p.replacement ? [p.replacement] : [])]),
    ...doc.roles.flatMap((r) => r.grants.map((g) => g.code)),
    ...doc.templates.flatMap((t) => Object.keys(t.permissions)),
    ...(doc.members ?? []).flatMap((m) => m.overrides.map((o) => o.code)),
  ];
  const unknown = [...new Set(named.filter((c) => !known.has(c)))].sort();
  if (unknown.length)
    throw ApiError.unprocessable(
      `Unknown permission codes (neither global nor among the document's permissions): ${unknown.slice(0, 20).join(", ")}.`,
      { rule: "unknown_codes", unknown_codes: unknown },
    );
}

/** The state again, after a write that changed it: each step is checked on what the previous left. */
const fresh = async (w: WriteContext): Promise<WriteContext> => ({
  ...(await writeState(w.tx, w.tenantId, w.principal)),
  audit: w.audit,
});

const of = (changes: PolicyChange[], kind: PolicyChange["kind"], op?: PolicyChange["op"]) =>
  changes.filter((c) => c.kind === kind && (op === undefined || c.op === op));

async function ownPermissionIds(w: WriteContext) {
  const rows = await w.tx
    .select({ id: permissions.id, code: permissions.code })
    .from(permissions)
    .where(eq(permissions.tenantId, w.tenantId));
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** A permission's own fields, as the catalog writes take them (deprecation and dependencies are set apart). */
const permissionFields = ({
  code: _code,
  deprecated: _deprecated,
  deprecated_message: _message,
  replacement: _replacement,
  depends_on: _dependsOn,
  ...fields
}: PolicyPermission) => fields;

/**
 * New permissions first (undeprecated: a replacement may be one of them), then every field of the
 * added and changed ones, then dependencies in two passes — drop the edges that go, then add the
 * new — so reversing an edge never meets a cycle that only the old edge made.
 */
async function applyPermissions(
  w: WriteContext,
  current: PolicyDocument,
  desired: PolicyDocument,
  changes: PolicyChange[],
) {
  const touched = of(changes, "permission").filter((c) => c.op !== "remove");
  if (!touched.length) return;
  const catalog = await tenantCatalog(w);
  const want = new Map(desired.permissions.map((p) => [p.code, p]));
  const had = new Map(current.permissions.map((p) => [p.code, p]));
  for (const c of of(changes, "permission", "add")) {
    const p = want.get(c.key)!;
    await insertPermission(catalog, {
      code: p.code,
      ...permissionFields(p),
      deprecated: false,
      deprecated_message: null,
      replacement: null,
    });
  }
  const ids = await ownPermissionIds(w);
  for (const c of touched) {
    const p = want.get(c.key)!;
    await changePermission(catalog, ids.get(p.code)!, {
      ...permissionFields(p),
      deprecated: p.deprecated,
      deprecated_message: p.deprecated_message,
      replacement: p.replacement,
    });
  }
  for (const c of touched) {
    const keep = had.get(c.key)?.depends_on.filter((d) => want.get(c.key)!.depends_on.includes(d)) ?? [];
    await replaceDependencies(catalog, ids.get(c.key)!, keep);
  }
  for (const c of touched) await replaceDependencies(catalog, ids.get(c.key)!, want.get(c.key)!.depends_on);
}

const lower = (s: string) => s.toLowerCase();

function roleIdsOf(w: WriteContext) {
  return new Map(w.snapshot.roles.map((r) => [lower(r.name), r.id]));
}

/**
 * Roles: new ones (bare), the fields of changed ones, parents in two passes (drop, then add: no
 * transient cycle), then every changed role's grants. System roles are refused by the role
 * writes themselves (`lockRole`, §3.5), and a document cannot make one.
 */
async function applyRoles(w: WriteContext, current: PolicyDocument, desired: PolicyDocument, changes: PolicyChange[]) {
  const approvals: Approval[] = [];
  const want = new Map(desired.roles.map((r) => [lower(r.name), r]));
  const had = new Map(current.roles.map((r) => [lower(r.name), r]));
  for (const r of desired.roles)
    for (const parent of r.parents)
      if (!want.has(lower(parent)))
        throw ApiError.unprocessable(`${r.name} inherits from ${parent}, which the document does not list.`, {
          rule: "unknown_parent",
          role: r.name,
          parent,
        });
  for (const c of of(changes, "role", "add")) {
    const r = want.get(lower(c.key))!;
    if (r.is_system || r.grants_all)
      throw ApiError.unprocessable(
        `${r.name} is a system role: system roles come with the tenant, a document cannot create one.`,
        {
          rule: "system_role",
          role: r.name,
        },
      );
    await insertRole(w, {
      name: r.name,
      description: r.description,
      is_default: r.is_default,
      parent_ids: [],
      permissions: [],
    });
  }
  let state = await fresh(w);
  for (const c of of(changes, "role", "change")) {
    const r = want.get(lower(c.key))!;
    const old = had.get(lower(c.key))!;
    const id = roleIdsOf(state).get(lower(c.key))!;
    // lockRole refuses any change to a system role; one that is not cannot be made one.
    if (!old.is_system && (r.is_system || r.grants_all))
      throw ApiError.unprocessable(`${r.name} cannot become a system role.`, { rule: "system_role", role: r.name });
    await changeRole(state, id, { version: null, name: r.name, description: r.description, is_default: r.is_default });
    state = await fresh(w);
  }
  const parentsOf = (role: PolicyRole | undefined) => new Set(role?.parents.map(lower) ?? []);
  const moved = desired.roles.filter((r) => {
    const before = parentsOf(had.get(lower(r.name)));
    const after = parentsOf(r);
    return before.size !== after.size || [...after].some((p) => !before.has(p));
  });
  for (const pass of ["drop", "add"] as const) {
    for (const r of moved) {
      const ids = roleIdsOf(state);
      const before = parentsOf(had.get(lower(r.name)));
      const names = pass === "drop" ? [...before].filter((p) => parentsOf(r).has(p)) : [...parentsOf(r)];
      const change = await changeRole(state, ids.get(lower(r.name))!, {
        version: null,
        parent_ids: names.map((n) => ids.get(n)!),
      });
      approvals.push(...change.approvals);
      state = await fresh(w);
    }
  }
  const regranted = new Set(of(changes, "grant").map((c) => lower(c.key.slice(0, c.key.lastIndexOf(":")))));
  for (const name of regranted) {
    const r = want.get(name);
    if (!r) continue; // a removed role: its grants go with it
    const role = await lockRole(state, roleIdsOf(state).get(name)!, null);
    const change = await applyGrants(state, role, r.grants, [], true);
    await bumpRoleVersionIfChanged(state, role, change);
    approvals.push(...change.approvals);
    state = await fresh(w);
  }
  return approvals;
}

async function applyTemplates(w: WriteContext, changes: PolicyChange[]) {
  const list = of(changes, "template");
  if (!list.length) return;
  const t = await tenantTemplates(await fresh(w));
  const rows = await t.tx
    .select({ id: templates.id, name: templates.name })
    .from(templates)
    .where(eq(templates.tenantId, w.tenantId));
  const idOf = (name: string) => rows.find((r) => lower(r.name) === lower(name))!.id;
  for (const c of list) {
    const after = c.after as PolicyDocument["templates"][number] | undefined;
    if (c.op === "remove") await removeTemplate(t, idOf(c.key));
    else if (c.op === "add") await insertTemplate(t, after!);
    else await changeTemplate(t, idOf(c.key), after!);
  }
}

/** Members' roles and overrides, member by member; an email that is not a member is refused (a document does not enrol). */
async function applyMembers(w: WriteContext, desired: PolicyDocument, changes: PolicyChange[]) {
  const approvals: Approval[] = [];
  const emails = await membersByEmail(w.tx, w.tenantId);
  const unknown = desired.members!.map((m) => m.email).filter((e) => !emails.has(e));
  if (unknown.length)
    throw ApiError.unprocessable(`Not members of this tenant: ${unknown.slice(0, 20).join(", ")}.`, {
      rule: "unknown_member",
      unknown_members: unknown,
    });
  const roleNames = new Set(desired.roles.map((r) => lower(r.name)));
  for (const m of desired.members!)
    for (const r of m.roles)
      if (!roleNames.has(lower(r.name)))
        throw ApiError.unprocessable(`${m.email} holds ${r.name}, which the document does not list.`, {
          rule: "unknown_role",
          email: m.email,
          role: r.name,
        });
  // `email:role` and `email:code`: an email has no colon, a role name may.
  const emailOf = (key: string) => key.slice(0, key.indexOf(":"));
  const itemOf = (key: string) => key.slice(key.indexOf(":") + 1);
  const touched = new Set([...of(changes, "member_role"), ...of(changes, "override")].map((c) => emailOf(c.key)));
  for (const email of touched) {
    const userId = emails.get(email)!;
    const member = desired.members!.find((m) => m.email === email)!;
    let state = await fresh(w);
    for (const c of of(changes, "member_role").filter((c) => emailOf(c.key) === email)) {
      const name = lower(itemOf(c.key));
      const roleId = roleIdsOf(state).get(name)!;
      if (c.op === "remove") await unassignRoleInTx(state, userId, roleId);
      else
        await assignRoleInTx(state, userId, {
          role_id: roleId,
          expires_at: member.roles.find((r) => lower(r.name) === name)!.expires_at,
        });
      state = await fresh(w);
    }
    const overrides = of(changes, "override").filter((c) => emailOf(c.key) === email);
    if (overrides.length) {
      const result = await setOverridesInTx(state, userId, {
        permissions: overrides.map((c) => {
          const code = itemOf(c.key);
          const o = member.overrides.find((x) => x.code === code);
          return o
            ? { code, effect: o.effect, notes: o.notes, expires_at: o.expires_at }
            : { code, effect: "inherit" as const };
        }),
      });
      approvals.push(...result.approvals);
    }
  }
  return approvals;
}

/** Roles the document no longer has: deleted as the API deletes them (a system role is refused; one still held, 409). */
async function removeRoles(w: WriteContext, changes: PolicyChange[]) {
  for (const c of of(changes, "role", "remove")) {
    const state = await fresh(w);
    await removeRoleRow(state, roleIdsOf(state).get(lower(c.key))!, false);
  }
}

async function removePermissions(w: WriteContext, changes: PolicyChange[]) {
  const gone = of(changes, "permission", "remove");
  if (!gone.length) return;
  const catalog = await tenantCatalog(w);
  const ids = await ownPermissionIds(w);
  for (const c of gone) await removePermission(catalog, ids.get(c.key)!);
}
