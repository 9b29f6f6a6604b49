import "server-only";
import { authorize } from "@/lib/auth/authorize";
import { ApiError } from "@/lib/errors";
import { parseCsv } from "@/lib/format/csv";
import { createUserRequest } from "@/lib/validation/users";
import type { ServiceContext } from "./context";
import { createUserInTx } from "./user-writes";
import { type WriteContext, writeUnlessDryRun } from "./write-transaction";

export interface ImportedRow {
  line: number;
  email: string;
  /** created: a new account; invited: an account of another tenant, invited (as the API does); exists: already a member or invited. */
  outcome: "created" | "invited" | "exists";
  roles: string[];
}

export interface UsersImport {
  dry_run: boolean;
  rows: ImportedRow[];
  perm_version: number;
}

const HEADER = ["email", "name", "roles"];

/** The file's rows, checked: a header `email,name,roles` (roles separated by `;`), then one user a line. */
function rowsOf(csv: string) {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(csv);
  } catch (error) {
    throw ApiError.badRequest("The file is not CSV.", [{ path: "file", message: (error as Error).message }]);
  }
  const [header, ...rest] = records;
  const names = header?.fields.map((f) => f.trim().toLowerCase()) ?? [];
  if (!header || names.slice(0, 3).join(",") !== HEADER.join(",") || names.length > 3)
    throw ApiError.badRequest("The file's first line must be the header email,name,roles.", [
      { path: "file.line 1", message: `Expected email,name,roles, found ${names.join(",") || "nothing"}` },
    ]);
  const errors: { path: string; message: string }[] = [];
  const rows = rest.map((r) => {
    const [email = "", name = "", roles = ""] = r.fields;
    if (r.fields.length > 3) errors.push({ path: `file.line ${r.line}`, message: "More than three fields" });
    const parsed = createUserRequest.safeParse({ email: email.trim(), name });
    if (!parsed.success)
      for (const i of parsed.error.issues)
        errors.push({ path: `file.line ${r.line}.${i.path.join(".")}`, message: i.message });
    const roleNames = roles
      .split(";")
      .map((s) => s.trim())
      .filter(Boolean);
    return { line: r.line, email: parsed.data?.email ?? email, name: parsed.data?.name ?? name, roleNames };
  });
  const seen = new Map<string, number>();
  for (const r of rows) {
    const first = seen.get(r.email);
    if (first !== undefined) errors.push({ path: `file.line ${r.line}.email`, message: `Already on line ${first}` });
    else seen.set(r.email, r.line);
  }
  if (errors.length) throw ApiError.badRequest("The file has invalid rows: nothing was imported.", errors);
  return rows;
}

async function importInWrite(w: WriteContext, rows: ReturnType<typeof rowsOf>): Promise<ImportedRow[]> {
  const byName = new Map(w.snapshot.roles.map((r) => [r.name.toLowerCase(), r]));
  const unknown = rows.flatMap((r) =>
    r.roleNames
      .filter((n) => !byName.has(n.toLowerCase()))
      .map((n) => ({ path: `file.line ${r.line}.roles`, message: `No role named ${n}` })),
  );
  if (unknown.length) throw ApiError.badRequest("The file names roles this tenant does not have.", unknown);
  const out: ImportedRow[] = [];
  for (const r of rows) {
    const roles = r.roleNames.map((n) => byName.get(n.toLowerCase())!);
    const audited = w.audit.length;
    try {
      await createUserInTx(w, { email: r.email, name: r.name, role_ids: roles.map((x) => x.id) }, null);
    } catch (error) {
      // Already a member, or invited: an import run again finds the users it made.
      if (error instanceof ApiError && error.status === 409) {
        out.push({ line: r.line, email: r.email, outcome: "exists", roles: roles.map((x) => x.name) });
        continue;
      }
      throw error;
    }
    const invited = w.audit.slice(audited).some((e) => e.action === "invitation.created");
    out.push({
      line: r.line,
      email: r.email,
      outcome: invited ? "invited" : "created",
      roles: roles.map((x) => x.name),
    });
  }
  return out;
}

/**
 * `gatehouse users import`: members from CSV (email, name, roles), each made as `POST
 * /api/v1/users` makes one — the same rules (grant-what-you-hold for their roles, an existing
 * account invited, not pulled in) — all in one transaction: any refusal, and nothing is imported.
 * Rows already members are left as they are (an import may be run again). A dry run answers the
 * same rows and writes nothing.
 */
export async function importUsers(
  ctx: ServiceContext,
  csv: string,
  options: { dryRun: boolean; at?: string },
): Promise<UsersImport> {
  await authorize(ctx.principal, "gatehouse.users.manage");
  try {
    const rows = rowsOf(csv);
    const { result, permVersion } = await writeUnlessDryRun(ctx, options.dryRun, (w) => importInWrite(w, rows));
    return { dry_run: options.dryRun, rows: result, perm_version: permVersion };
  } catch (error) {
    // The file's problems are said at `file.line N.field`; over the API, where the file is a field
    // of the body, at `body.csv.line N.field` (`at`), as every 400 names its field.
    if (options.at && error instanceof ApiError && error.status === 400 && error.errors)
      throw ApiError.badRequest(
        error.detail,
        error.errors.map((e) => ({ ...e, path: e.path.replace(/^file/, options.at!) })),
      );
    throw error;
  }
}
