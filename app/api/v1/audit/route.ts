import { route } from "@/lib/api/route";
import { exportAuditCsv, listAudit, wantsCsv } from "@/lib/services/audit-log";
import { auditQuery } from "@/lib/validation/audit";

// `Accept: text/csv` answers the same filtered log as a streamed CSV download (the wrapper passes a Response through);
// `?scope=platform` reads the tenant-less chain (platform super-admins only).
export const GET = route(
  { scope: "read", permission: "gatehouse.audit.view", query: auditQuery },
  ({ db, principal, query, request }) =>
    wantsCsv(request) ? exportAuditCsv(db, principal, query) : listAudit(db, principal, query),
);
