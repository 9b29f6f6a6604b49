import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { bumpPermVersion, currentPermVersion, type PermChange, permNotice } from "@/db/queries/perm-version";
import { loadPolicySnapshot, loadUserAssignments } from "@/db/queries/snapshot";
import { type Principal, tenantOf } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import type { MaybePromise } from "@/lib/maybe-promise";
import { isSelfOrAncestor } from "@/lib/permissions/codes";
import { CompiledTenant, compilePolicy, type GrantBound } from "@/lib/permissions/engine";
import { isPlatformOnly } from "@/lib/permissions/gatehouse-codes";
import { permissionCache } from "@/lib/permissions/server";
import type { PolicySnapshot, UserAssignments } from "@/lib/permissions/types";
import { type AuditInput, appendAudit, auditDenied } from "./audit-chain";
import type { ServiceContext } from "./context";

export interface WriteContext {
  tx: Tx;
  tenantId: string;
  principal: Principal;
  /** The tenant's policy as this transaction sees it, under the tenant's write lock. */
  snapshot: PolicySnapshot;
  /** Decides on that policy for the grantor and for every user read with `user()`. */
  compiled: CompiledTenant;
  /** A user's assignments as this transaction sees them (an outsider: `member` null). */
  user(userId: string): Promise<UserAssignments>;
  audit: AuditInput[];
}

/** Who grants in this write: the signed-in user, or the API key's creator (null: deleted). */
export function grantorOf(principal: Principal): string | null {
  return principal.kind === "user" ? principal.userId : principal.apiKey.createdBy;
}

/**
 * The state a write checks, read in its transaction: the tenant's policy, compiled, and users'
 * assignments on demand — the grantor's at once. Never every member: a write's cost does not grow
 * with the tenant (docs/design.md §5).
 */
export async function writeState(tx: Tx, tenantId: string, principal: Principal): Promise<Omit<WriteContext, "audit">> {
  const snapshot = await loadPolicySnapshot(tx, tenantId);
  if (!snapshot) throw ApiError.notFound("tenant");
  const users = new Map<string, UserAssignments>();
  const user = async (userId: string) => {
    const known = users.get(userId);
    if (known) return known;
    const read = (await loadUserAssignments(tx, tenantId, [userId]))?.users.get(userId);
    if (!read) throw ApiError.notFound("tenant");
    users.set(userId, read);
    return read;
  };
  const grantor = grantorOf(principal);
  if (grantor !== null) await user(grantor);
  const compiled = new CompiledTenant(
    compilePolicy(snapshot),
    (userId) => {
      const known = users.get(userId);
      if (!known) throw new Error(`write state: read user ${userId} with ctx.user() before deciding for them`);
      return known;
    },
    snapshot.permVersion,
  );
  return { tx, tenantId, principal, snapshot, compiled, user };
}

/**
 * What a write changed, told by its audit entries (every change is audited): an entry that says
 * whom it `affects` (a department's or a team's members) changed those users; an entry about a
 * user changed that user's assignments; about a role, template, permission, plan or tenant, the
 * policy. Anything else, or nothing said, drops all the tenant holds (the safe default).
 */
export function changeOf(audit: readonly AuditInput[]): PermChange {
  const users = new Set<string>();
  let policy = false;
  for (const entry of audit) {
    if (entry.affects) for (const userId of entry.affects) users.add(userId);
    else if (entry.targetType === "user" && entry.targetId) users.add(entry.targetId);
    // An invitation changes no decision until it is accepted (which is audited about the user).
    else if (entry.targetType === "invitation") continue;
    else if (
      ["role", "template", "permission", "plan", "tenant", "module", "menu_item"].includes(entry.targetType ?? "")
    )
      policy = true;
    else return {};
  }
  return { policy, users: [...users] };
}

/**
 * Every write that can change a decision runs here: one transaction that takes the tenant's
 * permission-write lock, reads the state it checks — the tenant's policy, the grantor's and the
 * affected users' assignments, never every member (escalation rules are checked on this state,
 * not on a cache: "lock what you check") — writes, appends its audit entries, and bumps
 * perm_version with a NOTIFY, at commit, that names what changed (`changeOf`). A refusal (403) is
 * audited in its own transaction, since the write's own rolls back.
 *
 * A write that changes nothing writes nothing and bumps nothing (DESIGN §6). Every real change is
 * audited, so a callback that pushed no audit entry changed nothing: no perm_version bump, no
 * NOTIFY, and the answer carries the tenant's current perm_version. Callbacks keep their side of
 * it: they skip rows (and role version bumps) that would not change, and audit every row they do.
 */
export async function permissionWrite<T>(
  ctx: ServiceContext,
  fn: (ctx: WriteContext) => Promise<T>,
): Promise<{ result: T; permVersion: number }> {
  const { db, principal, meta } = ctx;
  const tenantId = tenantOf(principal);
  return auditingRefusals(ctx, tenantId, async () => {
    const written = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`perm:${tenantId}`}))`);
      const write: WriteContext = { ...(await writeState(tx, tenantId, principal)), audit: [] };
      const result = await fn(write);
      // Read again, not from the snapshot: a global catalog write bumps every tenant without this lock.
      if (!write.audit.length) return { result, permVersion: (await currentPermVersion(tx, tenantId))!, change: null };
      await appendAudit(tx, tenantId, principal, meta, write.audit);
      const change = changeOf(write.audit);
      return { result, permVersion: await bumpPermVersion(tx, tenantId, change), change };
    });
    // Read-your-writes on this instance without waiting for the NOTIFY round trip.
    if (written.change) (await permissionCache()).onNotify(permNotice(tenantId, written.permVersion, written.change));
    return { result: written.result, permVersion: written.permVersion };
  });
}

/** Ends a dry run's transaction (rolled back: nothing it wrote stays) with what it found. */
class DryRun<T> extends Error {
  constructor(readonly preview: T) {
    super("dry run");
  }
}

/**
 * A dry run of a write: `fn` runs as `permissionWrite` would run it — every step, every rule, so
 * what would be refused is refused now — and its transaction is rolled back: nothing is written,
 * audited, bumped or notified. Answers what `fn` returned.
 */
export async function rolledBack<T>(ctx: ServiceContext, fn: (ctx: WriteContext) => Promise<T>): Promise<T> {
  try {
    await permissionWrite(ctx, async (w) => {
      throw new DryRun(await fn(w));
    });
  } catch (error) {
    if (error instanceof DryRun) return error.preview as T;
    throw error;
  }
  throw new Error("a dry run ends with its preview");
}

/** `permissionWrite`, or with `dryRun` the same steps rolled back (`rolledBack`), answering the version they saw. */
export function writeUnlessDryRun<T>(
  ctx: ServiceContext,
  dryRun: boolean,
  fn: (ctx: WriteContext) => Promise<T>,
): Promise<{ result: T; permVersion: number }> {
  if (dryRun) return rolledBack(ctx, async (w) => ({ result: await fn(w), permVersion: w.snapshot.permVersion }));
  return permissionWrite(ctx, fn);
}

/**
 * Runs a write; a 403 it ends with (its transaction rolled back) is audited as `access.denied`
 * in the tenant's chain, in a transaction of its own, and thrown on.
 */
export async function auditingRefusals<T>(
  ctx: ServiceContext,
  tenantId: string,
  write: () => MaybePromise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof ApiError && error.status === 403)
      await auditDenied(ctx.db, tenantId, ctx.principal, ctx.meta, error);
    throw error;
  }
}

/** A grant as `requireHolds` weighs it; a bare code is an organization-wide grant without conditions. */
export type GrantToCheck = string | GrantBound;

const boundOf = (g: GrantToCheck): GrantBound =>
  typeof g === "string" ? { code: g, scope: "organization", conditions: null } : g;

const listed = (list: string[]) =>
  `${list.slice(0, 20).join(", ")}${list.length > 20 ? ` and ${list.length - 20} more` : ""}`;

/**
 * "Nobody grants what they do not hold" (DESIGN §3.5): granting `code` confers it and every
 * catalog code below it, so the grantor must hold each of those that anyone could hold (codes
 * denied to everybody — inactive, outside the plan, or depending on such a code — confer nothing
 * and are skipped: the engine's super-admin answer says which), and hold it at least as widely as
 * the grant confers it: at a scope that covers the grant's, under conditions that are a subset of
 * the grant's (lib/permissions/grant-bounds.ts, the one implementation of that comparison).
 * Super-admins are exempt. Every grant path — role grants, parents, the matrix, copies, templates,
 * overrides, approvals — comes through here.
 *
 * Unless `platformOnly: "allow"` (assigning an existing role, whose grants were checked when they
 * were made), a grant that would confer a platform-only code is refused first, to everybody: 422.
 *
 * An API key grants with its creator's authority, never more: the grantor of a key's write is the
 * user who created the key, judged on their effective set NOW (this transaction's snapshot). A
 * creator who lost a permission takes it from their keys at once; one who left the tenant or was
 * disabled (decided "none") or deleted (created_by null) leaves keys that can grant nothing. A
 * creator's later gains do reach their keys: the key never exceeds what its creator could grant
 * by hand at that moment, which is the bound §3.5 asks for.
 */
export function requireHolds(
  ctx: WriteContext,
  grants: Iterable<GrantToCheck>,
  options: { platformOnly?: "refuse" | "allow" } = {},
) {
  const { principal, compiled, snapshot } = ctx;
  const bounds = [...grants].map(boundOf);
  if (options.platformOnly !== "allow") {
    const platform = [
      ...new Set(
        snapshot.permissions
          .filter((p) => isPlatformOnly(p.code) && bounds.some((b) => isSelfOrAncestor(b.code, p.code)))
          .map((p) => p.code),
      ),
    ].sort();
    if (platform.length)
      throw ApiError.unprocessable(
        `Platform-only permissions cannot be granted inside a tenant: ${listed(platform)}.`,
        { platform_only: platform },
      );
  }
  if (principal.kind === "user" && principal.isSuperAdmin) return;
  const grantor = grantorOf(principal);
  const missing = new Set<string>();
  /** Held, but narrower than the grant would confer it (scope or conditions). */
  const narrower = new Set<string>();
  for (const p of snapshot.permissions) {
    const conferring = bounds.filter((b) => isSelfOrAncestor(b.code, p.code));
    if (!conferring.length) continue;
    if (compiled.deniedToEveryone(p.code)) continue;
    if (grantor === null || !compiled.decide(grantor, p.code).granted) {
      missing.add(p.code);
      continue;
    }
    for (const b of conferring)
      if (!compiled.holdsAtLeast(grantor, { code: p.code, scope: b.scope, conditions: b.conditions }))
        narrower.add(p.code);
  }
  if (missing.size || narrower.size) {
    const list = [...missing].sort();
    const wide = [...narrower].sort();
    const all = [...new Set([...list, ...wide])].sort();
    const what = [
      list.length ? `what you do not hold: ${listed(list)}` : "",
      wide.length ? `at a wider scope or with fewer conditions than you hold: ${listed(wide)}` : "",
    ]
      .filter(Boolean)
      .join("; nor ");
    const detail =
      principal.kind === "user"
        ? `You cannot grant ${what}.`
        : grantor === null
          ? `This API key's creator no longer exists, so it cannot grant anything: ${listed(all)}.`
          : `An API key cannot grant what its creator does not hold (now): ${what}.`;
    const extra: Record<string, unknown> = { missing_permissions: all };
    if (wide.length) extra.wider_than_held = wide;
    if (principal.kind !== "user") extra.key_creator_id = grantor;
    throw ApiError.forbidden(detail, extra);
  }
}

/**
 * "Editors offer only what the plan has" (DESIGN §3.5): a new grant of a code under a menu item
 * the tenant's plan does not include is refused, to everybody, with 422 naming the plans that have
 * it. Only what a write adds is asked here: a grant left over from a downgrade may stay (it is
 * inert, rule 3) and be sent back unchanged by an editor that replaces a role's whole set.
 */
export function requireInPlan(ctx: WriteContext, codes: Iterable<string>) {
  const plan = ctx.snapshot.plan;
  if (plan === null) return;
  const out = [...new Set(codes)].sort().flatMap((code) => {
    const gate = ctx.compiled.outOfPlan(code);
    return gate
      ? [{ code, menu_item: gate.item.code, menu_item_name: gate.item.name, plans: [...gate.plans].sort() }]
      : [];
  });
  if (!out.length) return;
  const first = out[0]!;
  const where = first.plans.length ? `plan ${first.plans.join(" or ")} has it` : "no plan has it";
  throw ApiError.unprocessable(
    `Not in plan ${plan.name}: ${listed(out.map((o) => o.code))}. ${first.menu_item_name} is not included in ${plan.name}; ${where}.`,
    { plan: plan.code, out_of_plan: out },
  );
}

/**
 * The grants a role confers, with their scopes and conditions: its own and its ancestors' (every
 * code at global scope, unconditioned, for grantsAll).
 */
export function codesConferredBy(snapshot: PolicySnapshot, roleId: string): GrantBound[] {
  const byId = new Map(snapshot.roles.map((r) => [r.id, r]));
  const seen = new Set<string>();
  const stack = [roleId];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(byId.get(id)?.parentIds ?? []));
  }
  if ([...seen].some((id) => byId.get(id)?.grantsAll))
    return snapshot.permissions.map((p) => ({ code: p.code, scope: "global", conditions: null }));
  return snapshot.grants
    .filter((g) => seen.has(g.roleId))
    .map((g) => ({ code: g.code, scope: g.scope, conditions: g.conditions }));
}

/** How many of the target's codes a "stronger than you" refusal names (it says how many in all). */
const COVER_NAMED = 5;

/**
 * "Nobody acts against someone stronger" (DESIGN §3.5): disabling a member, removing them, ending
 * their sessions, taking a role from them, or any override that reduces what they hold (a deny,
 * removing an allow) needs the actor's effective set to cover the target's — every code the
 * target holds now, the actor holds — so a lesser admin cannot lock out a full admin. Both sets
 * are read in this transaction, under the tenant's write lock. Super-admins are exempt; an API key
 * acts with its creator's set (a deleted creator holds nothing). Removing a role through which
 * the target holds more than the actor is refused by the same rule: the target's whole set counts.
 *
 * Call it from every path that acts against a user (another route, such as ending a user's
 * sessions, calls it on `writeState`'s context inside its own transaction). Inside
 * `permissionWrite` the 403 is audited like every refusal.
 */
export async function requireCovers(ctx: WriteContext, targetUserId: string): Promise<void> {
  const { principal, compiled } = ctx;
  if (principal.kind === "user" && principal.isSuperAdmin) return;
  await ctx.user(targetUserId);
  const actor = grantorOf(principal);
  const held = new Set(actor === null ? [] : compiled.effectivePermissions(actor).codes);
  const missing = compiled
    .effectivePermissions(targetUserId)
    .codes.filter((code) => !held.has(code))
    .sort();
  if (!missing.length) return;
  const named = missing.slice(0, COVER_NAMED);
  const codesText = `${named.join(", ")}${missing.length > named.length ? ` and ${missing.length - named.length} more` : ""}`;
  const who = principal.kind === "user" ? "you do not" : "this API key's creator does not";
  throw ApiError.forbidden(`This user holds permissions ${who} hold: ${codesText}.`, {
    missing_permissions: named,
    missing_count: missing.length,
    ...(principal.kind === "user" ? {} : { key_creator_id: actor }),
  });
}
