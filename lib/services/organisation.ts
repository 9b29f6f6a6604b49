import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import {
  type DepartmentRow,
  departmentMemberIds,
  departmentNamed,
  findDepartment,
  findTeam,
  listDepartments,
  listTeams,
  memberIdsAmong,
  type TeamRow,
  teamNamed,
} from "@/db/queries/organisation";
import { departments, teamMembers, teams } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import { tenantOf } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import type {
  DepartmentRequest,
  departmentListQuery,
  TeamRequest,
  teamListQuery,
  UpdateTeamRequest,
} from "@/lib/validation/organisation";
import type { ServiceContext } from "./context";
import { LISTS, paginate } from "./paging";
import { grantorOf, permissionWrite, requireCovers, type WriteContext } from "./write-transaction";
import { written } from "./written";

/**
 * Departments and teams (API.md "Organisation structure"; DESIGN.md §3.6): they decide
 * department- and team-scoped grants, so every change is a permission write — one transaction,
 * audited, perm_version bumped — whose NOTIFY names the users it moved (`affects`), never the
 * whole tenant. Creating or renaming one moves nobody. Moving someone (into or out of a
 * department or a team) can take access from them, so the caller must cover them
 * (`requireCovers`, DESIGN §3.5), and nobody moves themselves: placement widens scoped grants.
 */

const VIEW = "gatehouse.users.view";
const MANAGE = "gatehouse.users.manage";

export function departmentBody(d: DepartmentRow) {
  return {
    id: d.id,
    name: d.name,
    member_count: d.memberCount,
    team_count: d.teamCount,
    created_at: d.createdAt.toISOString(),
  };
}

export function teamBody(t: TeamRow) {
  return {
    id: t.id,
    name: t.name,
    department_id: t.departmentId,
    department: t.departmentName,
    member_ids: t.memberIds,
    member_count: t.memberIds.length,
    created_at: t.createdAt.toISOString(),
  };
}

export async function listTenantDepartments(ctx: ServiceContext, q: z.infer<typeof departmentListQuery>) {
  const { db, principal } = ctx;
  await authorize(principal, VIEW);
  const tenantId = tenantOf(principal);
  const { rows, next_cursor } = await paginate(
    LISTS.departments,
    q,
    (after, limit) => listDepartments(db, tenantId, { after, limit }),
    (d) => ({ name: d.name, id: d.id }),
  );
  return { data: rows.map(departmentBody), next_cursor };
}

export async function listTenantTeams(ctx: ServiceContext, q: z.infer<typeof teamListQuery>) {
  const { db, principal } = ctx;
  await authorize(principal, VIEW);
  const tenantId = tenantOf(principal);
  const { rows, next_cursor } = await paginate(
    LISTS.teams,
    q,
    (after, limit) => listTeams(db, tenantId, { after, limit, departmentId: q.department_id }),
    (t) => ({ name: t.name, id: t.id }),
  );
  return { data: rows.map(teamBody), next_cursor };
}

export async function getTeam(ctx: ServiceContext, id: string) {
  const { db, principal } = ctx;
  await authorize(principal, VIEW);
  const team = await findTeam(db, tenantOf(principal), id);
  if (!team) throw ApiError.notFound("team");
  return teamBody(team);
}

/** A write of the organisation: the gate, then one permission write (audit, perm_version, NOTIFY). */
async function organisationWrite<T extends object | null>(
  ctx: ServiceContext,
  fn: (ctx: WriteContext) => Promise<T>,
  options: { created?: boolean } = {},
) {
  await authorize(ctx.principal, MANAGE);
  const { result, permVersion } = await permissionWrite(ctx, fn);
  return written(result, permVersion, options);
}

async function departmentOr404(ctx: WriteContext, id: string) {
  const found = await findDepartment(ctx.tx, ctx.tenantId, id);
  if (!found) throw ApiError.notFound("department");
  return found;
}

async function teamOr404(ctx: WriteContext, id: string) {
  const found = await findTeam(ctx.tx, ctx.tenantId, id);
  if (!found) throw ApiError.notFound("team");
  return found;
}

const taken = (what: string, name: string) =>
  ApiError.conflict(`A ${what} named "${name}" already exists in this tenant.`, { field: "name" });

export function createDepartment(ctx: ServiceContext, input: DepartmentRequest) {
  return organisationWrite(
    ctx,
    async (ctx) => {
      if (await departmentNamed(ctx.tx, ctx.tenantId, input.name)) throw taken("department", input.name);
      const [row] = await ctx.tx.insert(departments).values({ tenantId: ctx.tenantId, name: input.name }).returning();
      ctx.audit.push({
        action: "department.created",
        targetType: "department",
        targetId: row!.id,
        after: { name: row!.name },
        affects: [],
      });
      return departmentBody({ ...row!, memberCount: 0, teamCount: 0 });
    },
    { created: true },
  );
}

export function renameDepartment(ctx: ServiceContext, id: string, input: DepartmentRequest) {
  return organisationWrite(ctx, async (ctx) => {
    const found = await departmentOr404(ctx, id);
    if (found.name === input.name) return departmentBody(found);
    const other = await departmentNamed(ctx.tx, ctx.tenantId, input.name);
    if (other && other.id !== id) throw taken("department", input.name);
    await ctx.tx.update(departments).set({ name: input.name }).where(eq(departments.id, id));
    ctx.audit.push({
      action: "department.updated",
      targetType: "department",
      targetId: id,
      before: { name: found.name },
      after: { name: input.name },
      affects: [],
    });
    return departmentBody({ ...found, name: input.name });
  });
}

/** Its members are left without a department (and its teams without one); they may lose department-scoped access. */
export function deleteDepartment(ctx: ServiceContext, id: string) {
  return organisationWrite(ctx, async (ctx) => {
    const found = await departmentOr404(ctx, id);
    const members = await departmentMemberIds(ctx.tx, ctx.tenantId, id);
    for (const userId of members) await coveredToMove(ctx, userId);
    await ctx.tx.delete(departments).where(and(eq(departments.tenantId, ctx.tenantId), eq(departments.id, id)));
    ctx.audit.push({
      action: "department.deleted",
      targetType: "department",
      targetId: id,
      before: { name: found.name, member_ids: members },
      affects: members,
    });
    return null;
  });
}

async function departmentInTenant(ctx: WriteContext, id: string | null | undefined) {
  if (id) await departmentOr404(ctx, id);
}

export function createTeam(ctx: ServiceContext, input: TeamRequest) {
  return organisationWrite(
    ctx,
    async (ctx) => {
      if (await teamNamed(ctx.tx, ctx.tenantId, input.name)) throw taken("team", input.name);
      await departmentInTenant(ctx, input.department_id);
      const [row] = await ctx.tx
        .insert(teams)
        .values({ tenantId: ctx.tenantId, name: input.name, departmentId: input.department_id ?? null })
        .returning();
      ctx.audit.push({
        action: "team.created",
        targetType: "team",
        targetId: row!.id,
        after: { name: row!.name, department_id: row!.departmentId },
        affects: [],
      });
      return teamBody((await findTeam(ctx.tx, ctx.tenantId, row!.id))!);
    },
    { created: true },
  );
}

/** A team's name and department: neither moves anyone (scopes look at the member's own department). */
export function updateTeam(ctx: ServiceContext, id: string, input: UpdateTeamRequest) {
  return organisationWrite(ctx, async (ctx) => {
    const found = await teamOr404(ctx, id);
    const next = { name: input.name ?? found.name, departmentId: input.department_id ?? null };
    if (input.department_id === undefined) next.departmentId = found.departmentId;
    if (next.name === found.name && next.departmentId === found.departmentId) return teamBody(found);
    if (next.name !== found.name) {
      const other = await teamNamed(ctx.tx, ctx.tenantId, next.name);
      if (other && other.id !== id) throw taken("team", next.name);
    }
    await departmentInTenant(ctx, next.departmentId);
    await ctx.tx.update(teams).set(next).where(eq(teams.id, id));
    ctx.audit.push({
      action: "team.updated",
      targetType: "team",
      targetId: id,
      before: { name: found.name, department_id: found.departmentId },
      after: { name: next.name, department_id: next.departmentId },
      affects: [],
    });
    return teamBody((await findTeam(ctx.tx, ctx.tenantId, id))!);
  });
}

export function deleteTeam(ctx: ServiceContext, id: string) {
  return organisationWrite(ctx, async (ctx) => {
    const found = await teamOr404(ctx, id);
    for (const userId of found.memberIds) await coveredToMove(ctx, userId);
    await ctx.tx.delete(teams).where(and(eq(teams.tenantId, ctx.tenantId), eq(teams.id, id)));
    ctx.audit.push({
      action: "team.deleted",
      targetType: "team",
      targetId: id,
      before: { name: found.name, member_ids: found.memberIds },
      affects: found.memberIds,
    });
    return null;
  });
}

/** PUT /teams/{id}/members: the team's members become exactly these (members of the tenant only). */
export function replaceTeamMembers(ctx: ServiceContext, id: string, userIds: readonly string[]) {
  return organisationWrite(ctx, async (ctx) => {
    const found = await teamOr404(ctx, id);
    const members = await memberIdsAmong(ctx.tx, ctx.tenantId, userIds);
    const strangers = userIds.filter((u) => !members.has(u));
    if (strangers.length > 0)
      throw ApiError.unprocessable(`Not members of this tenant: ${strangers.join(", ")}.`, { not_members: strangers });
    const before = new Set(found.memberIds);
    const added = userIds.filter((u) => !before.has(u));
    const removed = found.memberIds.filter((u) => !userIds.includes(u));
    if (added.length === 0 && removed.length === 0) return teamBody(found);
    for (const userId of [...added, ...removed]) await coveredToMove(ctx, userId);
    if (removed.length > 0)
      await ctx.tx
        .delete(teamMembers)
        .where(
          and(eq(teamMembers.tenantId, ctx.tenantId), eq(teamMembers.teamId, id), inArray(teamMembers.userId, removed)),
        );
    if (added.length > 0)
      await ctx.tx.insert(teamMembers).values(added.map((userId) => ({ tenantId: ctx.tenantId, teamId: id, userId })));
    ctx.audit.push({
      action: "team.members.updated",
      targetType: "team",
      targetId: id,
      after: { added, removed },
      affects: [...added, ...removed],
    });
    return teamBody((await findTeam(ctx.tx, ctx.tenantId, id))!);
  });
}

/**
 * Moving a member (department or team) may take scoped access from them: the caller must cover
 * them (DESIGN §3.5), and may not move themselves (it would widen their own scoped grants).
 */
export async function coveredToMove(ctx: WriteContext, userId: string) {
  if (userId === grantorOf(ctx.principal))
    throw ApiError.unprocessable("You cannot change your own department or teams: ask another admin.");
  await requireCovers(ctx, userId);
}
