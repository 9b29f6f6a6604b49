import { route } from "@/lib/api/route";
import { importUsers } from "@/lib/services/users-import";
import { ok, UsersImported } from "@/lib/validation/responses";
import { dryRunQuery, usersImportRequest } from "@/lib/validation/users";

// `gatehouse users import --url` (docs/operations.md): members from CSV, all or nothing, each row
// made as POST /api/v1/users makes one; `?dry_run=true` writes nothing.
export const POST = route(
  {
    responses: [ok(UsersImported, "Imported (or, with dry_run=true, what would be), row by row")],
    scope: "write",
    permission: "gatehouse.users.manage",
    query: dryRunQuery,
    body: usersImportRequest,
  },
  ({ ctx, query, body }) => importUsers(ctx, body.csv, { dryRun: query.dry_run, at: "body.csv" }),
);
