/**
 * The scale bench's data: a fresh database per run, and the demo tenant grown to N members in SQL
 * (set-based `generate_series` inserts in batches, every constraint, index and trigger left on).
 *
 * Member `i` (1…) has an id made from `md5('gh-scale-' || i)`, so each batch's memberships, teams,
 * roles and overrides are generated from `i` alone, without a join back to `users`. The spread:
 * - memberships: 0.5 % disabled; 85 % in one of the tenant's departments (its three demo ones
 *   plus 20 more);
 * - teams: 40 % in one of ~100 teams, 5 % in a second;
 * - roles (one each): Member 55 %, Viewer 15 %, Field Engineer 10 %, Engineer Lead 2 %, Billing
 *   Clerk 4 %, Sales Rep 5 %, Sales Manager 1.5 %, Support Agent 7.4 %, Admin 0.1 %; 20 % hold a
 *   second role (Member, or Viewer for members), a tenth of those expiring (some already expired);
 * - overrides: 0.5 % of the members hold one (allow or deny on one of five codes).
 */
import postgres from "postgres";
import { PERM_CHANNEL } from "../../db/queries/perm-version";
import { adminUrl, withDatabase } from "../../db/testing/pg-url";

export type Sql = postgres.Sql;

export const TENANT_SLUG = "acme";
/** The growth's own email domain: every generated member and nothing else. */
export const SCALE_EMAIL = "@scale.acme.test";
const BATCH = 50_000;

/** Role buckets over `(i * 37) % 1000`; the rest (999) is Admin. */
const ROLE_BUCKETS: [string, number][] = [
  ["Member", 550],
  ["Viewer", 700],
  ["Field Engineer", 800],
  ["Engineer Lead", 820],
  ["Billing Clerk", 860],
  ["Sales Rep", 910],
  ["Sales Manager", 925],
  ["Support Agent", 999],
];
const OVERRIDES: [string, "allow" | "deny"][] = [
  ["sites.list.export_button", "allow"],
  ["sales.invoices.view", "deny"],
  ["reports.sales.view", "allow"],
  ["dashboard.widgets.financial", "allow"],
  ["sites.detail.tabs.calls", "deny"],
];

export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = postgres(adminUrl(serverUrl), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  return withDatabase(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = postgres(adminUrl(serverUrl), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

export interface Tenant {
  id: string;
  roles: Map<string, string>;
  adminId: string;
}

export async function tenantOf(sql: Sql): Promise<Tenant> {
  const [t] = await sql<{ id: string }[]>`select id from tenants where slug = ${TENANT_SLUG}`;
  if (!t) throw new Error(`no tenant "${TENANT_SLUG}": did the first instance seed the demo world?`);
  const roles = await sql<{ id: string; name: string }[]>`select id, name from roles where tenant_id = ${t.id}`;
  const [admin] = await sql<{ id: string }[]>`select id from users where email = 'admin@acme.test'`;
  return { id: t.id, roles: new Map(roles.map((r) => [r.name, r.id])), adminId: admin!.id };
}

/** Grows the tenant until it has `members` members; `progress` hears after each batch. */
export async function growTenant(sql: Sql, members: number, progress: (done: number) => void): Promise<number> {
  const tenant = await tenantOf(sql);
  const [{ n: existing } = { n: 0 }] = await sql<
    { n: number }[]
  >`select count(*)::int as n from memberships where tenant_id = ${tenant.id}`;
  const toAdd = Math.max(0, members - existing);
  await sql`set synchronous_commit = off`;
  const departments = await ensureDepartments(sql, tenant.id);
  const teams = await ensureTeams(sql, tenant.id, departments);
  const role = (name: string) => {
    const id = tenant.roles.get(name);
    if (!id) throw new Error(`the demo tenant has no role "${name}"`);
    return id;
  };
  const permIds = await sql<{ id: string; code: string }[]>`
    select id, code from permissions where tenant_id is null and code in ${sql(OVERRIDES.map(([c]) => c))}`;
  const permId = new Map(permIds.map((p) => [p.code, p.id]));

  const roleCase = `case ${ROLE_BUCKETS.map(([name, upTo]) => `when (i * 37) % 1000 < ${upTo} then '${role(name)}'::uuid`).join(" ")} else '${role("Admin")}'::uuid end`;
  const member = role("Member");
  const viewer = role("Viewer");
  // md5 shaped as a version-4 UUID (the API accepts only well-formed ones).
  const uid = "overlay(overlay(md5('gh-scale-' || i) placing '4' from 13) placing '8' from 17)::uuid";
  for (let lo = 1; lo <= toAdd; lo += BATCH) {
    const hi = Math.min(toAdd, lo + BATCH - 1);
    const series = `generate_series(${lo}, ${hi}) as i`;
    await sql.begin(async (tx) => {
      await tx.unsafe(`insert into users (id, email, name)
        select ${uid}, 'member-' || i || '${SCALE_EMAIL}', 'Scale Member ' || i from ${series}`);
      await tx.unsafe(
        `insert into memberships (tenant_id, user_id, department_id, status)
         select $1::uuid, ${uid}, case when i % 20 < 17 then ($2::uuid[])[1 + (i * 7) % ${departments.length}] end,
                case when i % 200 = 3 then 'disabled' else 'active' end
         from ${series}`,
        [tenant.id, departments],
      );
      await tx.unsafe(
        `insert into team_members (tenant_id, team_id, user_id)
         select $1::uuid, ($2::uuid[])[1 + (i * 11) % ${teams.length}], ${uid} from ${series} where i % 10 < 4
         union all
         select $1::uuid, ($2::uuid[])[1 + (i * 13 + 5) % ${teams.length}], ${uid} from ${series}
         where i % 20 = 0 and (i * 11) % ${teams.length} <> (i * 13 + 5) % ${teams.length}`,
        [tenant.id, teams],
      );
      await tx.unsafe(
        `insert into user_roles (tenant_id, user_id, role_id, assigned_by)
         select $1::uuid, ${uid}, ${roleCase}, $2::uuid from ${series}`,
        [tenant.id, tenant.adminId],
      );
      // A second role for one in five; one in ten of those expires (in 1–90 days, or 1–5 days ago).
      await tx.unsafe(
        `insert into user_roles (tenant_id, user_id, role_id, assigned_by, expires_at)
         select $1::uuid, ${uid}, case when ${roleCase} = '${member}'::uuid then '${viewer}'::uuid else '${member}'::uuid end, $2::uuid,
                case when i % 50 = 0 then now() + ((1 + i % 90) || ' days')::interval
                     when i % 50 = 25 then now() - ((1 + i % 5) || ' days')::interval end
         from ${series} where i % 5 = 0`,
        [tenant.id, tenant.adminId],
      );
      const codes = OVERRIDES.map(([c]) => permId.get(c)!);
      const effects = OVERRIDES.map(([, e]) => e);
      await tx.unsafe(
        `insert into user_overrides (tenant_id, user_id, permission_id, effect, notes, granted_by)
         select $1::uuid, ${uid}, ($2::uuid[])[1 + (i / 200) % ${codes.length}], ($3::text[])[1 + (i / 200) % ${codes.length}],
                'bench:scale', $4::uuid
         from ${series} where i % 200 = 7`,
        [tenant.id, codes, effects, tenant.adminId],
      );
    });
    progress(existing + hi);
  }
  // The measures are of a database in its steady state, not of one whose autovacuum (triggered
  // by a million fresh rows) and first checkpoint run on the same two cores during the samples:
  // vacuum and checkpoint now (a vacuumed table's visibility map also lets the users' statement
  // read its indexes alone, as it would in production).
  await sql`vacuum (analyze) users, memberships, team_members, user_roles, user_overrides`;
  await sql`checkpoint`;
  return toAdd;
}

/** Twenty departments beside the demo's own three. */
async function ensureDepartments(sql: Sql, tenantId: string): Promise<string[]> {
  const rows = Array.from({ length: 20 }, (_, i) => ({ tenant_id: tenantId, name: `Scale department ${i + 1}` }));
  await sql`insert into departments ${sql(rows)} on conflict do nothing`;
  const all = await sql<{ id: string }[]>`select id from departments where tenant_id = ${tenantId} order by name`;
  return all.map((r) => r.id);
}

/** Five teams in each department, the demo's own teams kept. */
async function ensureTeams(sql: Sql, tenantId: string, departments: string[]): Promise<string[]> {
  const rows = departments.flatMap((d, i) =>
    Array.from({ length: 5 }, (_, j) => ({
      tenant_id: tenantId,
      department_id: d,
      name: `Scale team ${i + 1}.${j + 1}`,
    })),
  );
  await sql`insert into teams ${sql(rows)} on conflict do nothing`;
  const teams = await sql<{ id: string }[]>`select id from teams where tenant_id = ${tenantId} order by name`;
  return teams.map((t) => t.id);
}

/**
 * Tells running instances the tenant changed, as every write does (a bump of perm_version and a
 * NOTIFY at commit): the growth went around the application.
 */
export async function announceGrowth(sql: Sql, tenantId: string): Promise<number> {
  return sql.begin(async (tx) => {
    const [row] = await tx<{ v: number }[]>`
      update tenants set perm_version = perm_version + 1 where id = ${tenantId} returning perm_version::int as v`;
    await tx`select pg_notify(${PERM_CHANNEL}, ${JSON.stringify({ tenant_id: tenantId, perm_version: row!.v })})`;
    return row!.v;
  });
}
