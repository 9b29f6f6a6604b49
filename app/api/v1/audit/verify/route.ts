import { route } from "@/lib/api/route";
import { verifyTenantAudit } from "@/lib/services/audit-log";
import { auditVerifyQuery } from "@/lib/validation/audit";

// `?scope=platform` verifies the tenant-less chain (platform super-admins only).
export const GET = route(
  { scope: "read", permission: "gatehouse.audit.view", query: auditVerifyQuery },
  ({ db, principal, query }) => verifyTenantAudit(db, principal, query),
);
