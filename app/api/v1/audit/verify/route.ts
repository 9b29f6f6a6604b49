import { route } from "@/lib/api/route";
import { verifyTenantAudit } from "@/lib/services/audit-log";

export const GET = route({ scope: "read", permission: "gatehouse.audit.view" }, ({ db, principal }) => verifyTenantAudit(db, principal));
