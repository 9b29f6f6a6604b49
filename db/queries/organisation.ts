import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { departments, memberships, teamMembers, teams } from "../schema";

/**
 * A tenant's organisation structure: departments and teams (DESIGN.md §3.6: they decide
 * department- and team-scoped grants). Every read is of one tenant; an id of another tenant is
 * not found, exactly like an unknown one.
 */

export interface NamedPosition {
  name: string;
  id: string;
}

const afterName =
  (column: typeof departments.name | typeof teams.name, id: typeof departments.id | typeof teams.id) =>
  (after: NamedPosition | null) =>
    after ? sql`(lower(${column}), ${id}) > (lower(${after.name}), ${after.id}::uuid)` : undefined;

/**
 * How many members and teams a department has. The outer row is named in full (Drizzle leaves a
 * single table's columns unqualified, and inside the subquery `id` would be the team's).
 */
const departmentCounts = {
  memberCount: sql<number>`(select count(*)::int from ${memberships} m
    where m.tenant_id = "departments"."tenant_id" and m.department_id = "departments"."id")`,
  teamCount: sql<number>`(select count(*)::int from ${teams} t
    where t.tenant_id = "departments"."tenant_id" and t.department_id = "departments"."id")`,
};

/** The tenant's departments by name (keyset-paginated), with how many members and teams each has. */
export function listDepartments(db: DbOrTx, tenantId: string, f: { after: NamedPosition | null; limit: number }) {
  return db
    .select({
      id: departments.id,
      name: departments.name,
      createdAt: departments.createdAt,
      ...departmentCounts,
    })
    .from(departments)
    .where(and(eq(departments.tenantId, tenantId), afterName(departments.name, departments.id)(f.after)))
    .orderBy(sql`lower(${departments.name})`, asc(departments.id))
    .limit(f.limit + 1);
}

export type DepartmentRow = Awaited<ReturnType<typeof listDepartments>>[number];

export async function findDepartment(db: DbOrTx, tenantId: string, id: string): Promise<DepartmentRow | null> {
  const [row] = await db
    .select({
      id: departments.id,
      name: departments.name,
      createdAt: departments.createdAt,
      ...departmentCounts,
    })
    .from(departments)
    .where(and(eq(departments.tenantId, tenantId), eq(departments.id, id)));
  return row ?? null;
}

/** The tenant's teams by name (keyset-paginated), with their department and member ids. */
export function listTeams(
  db: DbOrTx,
  tenantId: string,
  f: { after: NamedPosition | null; limit: number; departmentId?: string },
) {
  return db
    .select(teamColumns)
    .from(teams)
    .leftJoin(departments, eq(departments.id, teams.departmentId))
    .where(
      and(
        eq(teams.tenantId, tenantId),
        f.departmentId ? eq(teams.departmentId, f.departmentId) : undefined,
        afterName(teams.name, teams.id)(f.after),
      ),
    )
    .orderBy(sql`lower(${teams.name})`, asc(teams.id))
    .limit(f.limit + 1);
}

const teamColumns = {
  id: teams.id,
  name: teams.name,
  departmentId: teams.departmentId,
  departmentName: departments.name,
  createdAt: teams.createdAt,
  memberIds: sql<string[]>`(select coalesce(json_agg(tm.user_id order by tm.user_id), '[]'::json)
    from ${teamMembers} tm where tm.tenant_id = "teams"."tenant_id" and tm.team_id = "teams"."id")`,
};

export type TeamRow = Awaited<ReturnType<typeof listTeams>>[number];

export async function findTeam(db: DbOrTx, tenantId: string, id: string): Promise<TeamRow | null> {
  const [row] = await db
    .select(teamColumns)
    .from(teams)
    .leftJoin(departments, eq(departments.id, teams.departmentId))
    .where(and(eq(teams.tenantId, tenantId), eq(teams.id, id)));
  return row ?? null;
}

/** The id of the department or team of this tenant with this name (case-insensitive), if any. */
export async function departmentNamed(db: DbOrTx, tenantId: string, name: string) {
  const [row] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.tenantId, tenantId), sql`lower(${departments.name}) = ${name.toLowerCase()}`));
  return row ?? null;
}

export async function teamNamed(db: DbOrTx, tenantId: string, name: string) {
  const [row] = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.tenantId, tenantId), sql`lower(${teams.name}) = ${name.toLowerCase()}`));
  return row ?? null;
}

/** The members of a department (their ids), for what deleting it changes. */
export async function departmentMemberIds(db: DbOrTx, tenantId: string, departmentId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.departmentId, departmentId)));
  return rows.map((r) => r.userId);
}

/** Which of these ids are members of the tenant (any status). */
export async function memberIdsAmong(db: DbOrTx, tenantId: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), inArray(memberships.userId, [...userIds])));
  return new Set(rows.map((r) => r.userId));
}
