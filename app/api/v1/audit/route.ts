import { wantsCsv } from "@/lib/api/negotiate";
import { route } from "@/lib/api/route";
import { exportAuditCsv, listAudit } from "@/lib/services/audit-log";
import { auditQuery } from "@/lib/validation/audit";
import { AuditPage, ok } from "@/lib/validation/responses";

// `Accept: text/csv` answers the same filtered log as a streamed CSV download (a Download, which
// the wrapper sends as an attachment); `?scope=platform` reads the tenant-less chain (platform
// super-admins only).
export const GET = route(
  {
    responses: [
      {
        ...ok(AuditPage),
        alternatives: [
          {
            mediaType: "text/csv",
            description:
              "With `Accept: text/csv`: the whole filtered log as a streamed CSV download, oldest first (`limit` and `cursor` do not apply)",
          },
        ],
      },
    ],
    scope: "read",
    permission: "gatehouse.audit.view",
    query: auditQuery,
  },
  ({ ctx, query, request }) => (wantsCsv(request) ? exportAuditCsv(ctx, query) : listAudit(ctx, query)),
);
