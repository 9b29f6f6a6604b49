import { route } from "@/lib/api/route";
import { listAudit } from "@/lib/services/audit-log";
import { auditQuery } from "@/lib/validation/audit";

export const GET = route({ scope: "read", permission: "gatehouse.audit.view", query: auditQuery }, ({ db, principal, query }) => listAudit(db, principal, query));
