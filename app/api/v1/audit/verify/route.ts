import { route } from "@/lib/api/route";
import { verifyTenantAudit } from "@/lib/services/audit-log";
import { auditVerifyQuery } from "@/lib/validation/audit";
import { AuditVerification, ok } from "@/lib/validation/responses";

// `?scope=platform` verifies the tenant-less chain (platform super-admins only).
export const GET = route(
  { responses: [ok(AuditVerification)], scope: "read", permission: "gatehouse.audit.view", query: auditVerifyQuery },
  ({ ctx, query }) => verifyTenantAudit(ctx, query),
);
