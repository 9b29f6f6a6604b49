import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PermissionMatrix } from "@/components/admin/matrix/permission-matrix";
import { PageHeader } from "@/components/ui/page-header";
import { dependencyEdges } from "@/db/queries/catalog";
import { allModules } from "@/db/queries/catalog-navigation";
import { sectionPage } from "@/lib/admin/section-page";
import { CONSOLE_CRUMBS } from "@/lib/admin/sections";
import { tenantOf } from "@/lib/auth/principal";
import { approvalQueries, PENDING_PARAMS } from "@/lib/query/approvals";
import { matrixQueries } from "@/lib/query/matrix";
import { ROLES_PARAMS, roleQueries } from "@/lib/query/roles";
import { listApprovals } from "@/lib/services/approvals";
import { getMatrix } from "@/lib/services/matrix";
import { listTenantRoles } from "@/lib/services/roles";

export const metadata: Metadata = { title: "Permission matrix" };

/**
 * Roles × permissions. The server seeds the matrix, the roles (parents and user counts) and the
 * pending approvals under the keys the client reads; the dependency edges and module names, which
 * no single route lists, come as props.
 */
export default async function MatrixPage() {
  const page = await sectionPage("/admin/matrix");
  const tenantId = tenantOf(page.principal);
  const [canManage, canViewAudit, canViewApprovals, canViewUsers] = await Promise.all([
    page.can("gatehouse.roles.manage"),
    page.can("gatehouse.audit.view"),
    page.can("gatehouse.approvals.view"),
    page.can("gatehouse.users.view"),
  ]);
  const [, , , edges, moduleRows] = await Promise.all([
    page.seed(matrixQueries.matrix(), () => getMatrix(page.ctx, {})),
    page.seed(roleQueries.list(), () => listTenantRoles(page.ctx, { ...ROLES_PARAMS })),
    canViewApprovals
      ? page.seed(approvalQueries.list(PENDING_PARAMS), () => listApprovals(page.ctx, { ...PENDING_PARAMS }))
      : null,
    dependencyEdges(page.db, tenantId),
    allModules(page.db, tenantId),
  ]);
  // The page is the viewport's height (less the top bar and the console's padding): the grid takes
  // what the header and filters leave, and shrinks to its rows when a filter leaves few.
  return (
    <div className="flex h-[calc(100dvh-6.6rem)] min-h-[520px] flex-col">
      <PageHeader
        className="mb-4 shrink-0"
        title="Permission matrix"
        description="Tick to grant, untick to revoke; dependencies follow. Nothing is written until you review and save."
        crumbs={CONSOLE_CRUMBS}
        current="Permission matrix"
      />
      <HydrationBoundary state={page.state()}>
        <PermissionMatrix
          edges={edges.map((e) => ({ code: e.code, depends_on: e.dependsOn }))}
          modules={moduleRows.map((m) => ({ code: m.code, name: m.name, sort_order: m.sortOrder }))}
          abilities={{ canManage, canViewAudit, canViewApprovals, canViewUsers }}
          storageKey={`gatehouse:matrix-columns:${page.viewer.user.id}:${tenantId}`}
        />
      </HydrationBoundary>
    </div>
  );
}
