import type { Metadata } from "next";
import { OverviewView } from "@/components/admin/overview/overview-view";
import { PageHeader } from "@/components/ui/page-header";
import { consoleOverviewCounts } from "@/db/queries/console-overview";
import { tenantOverview } from "@/db/queries/overview";
import { sectionPage } from "@/lib/admin/section-page";
import { CONSOLE_CRUMBS } from "@/lib/admin/sections";
import { listApprovals } from "@/lib/services/approvals";
import { listAudit } from "@/lib/services/audit-log";
import { listTenantRoles } from "@/lib/services/roles";
import { auditQuery } from "@/lib/validation/audit";
import { ApprovalPage, AuditPage } from "@/lib/validation/responses";

export const metadata: Metadata = { title: "Admin console" };

/**
 * The console's front page: the tenant's numbers (each a link to its page), what waits for a
 * decision, the latest changes and the ways into the everyday tasks. Each part shows only when the
 * viewer may open the page it comes from; all of it read-only.
 */
export default async function AdminHome() {
  const page = await sectionPage("/admin");
  const tenant = page.viewer.tenant!;
  const [canRoles, canUsers, canPermissions, canTemplates, canApprovals, canAudit, canKeys] = await Promise.all([
    page.can("gatehouse.roles.view"),
    page.can("gatehouse.users.view"),
    page.can("gatehouse.permissions.view"),
    page.can("gatehouse.templates.view"),
    page.can("gatehouse.approvals.view"),
    page.can("gatehouse.audit.view"),
    page.can("gatehouse.api_keys.view"),
  ]);
  const [head, counts, approvals, audit, roles] = await Promise.all([
    tenantOverview(page.db, tenant.id),
    consoleOverviewCounts(page.db, tenant.id),
    // Parsed with the response schemas: the view takes what the API would answer.
    canApprovals ? listApprovals(page.ctx, { status: "pending", limit: 5 }).then((a) => ApprovalPage.parse(a)) : null,
    canAudit ? listAudit(page.ctx, auditQuery.parse({ limit: 8 })).then((a) => AuditPage.parse(a)) : null,
    canAudit && canRoles ? listTenantRoles(page.ctx, { limit: 200 }) : null,
  ]);
  // Entries that did not record a name (grant changes, approvals) are named from the roles list.
  const names = Object.fromEntries((roles?.data ?? []).map((r) => [r.id, r.name]));
  const tiles = [
    canRoles && { label: "Roles", value: head.roles, href: "/admin/roles", hint: "What each job may do" },
    canUsers && {
      label: "Members",
      value: head.members,
      href: "/admin/users",
      hint: counts.usersWithOverrides ? `${counts.usersWithOverrides} with direct overrides` : "No direct overrides",
    },
    canPermissions && {
      label: "Permissions",
      value: counts.permissions,
      href: "/admin/permissions",
      hint: counts.customPermissions
        ? `${counts.customPermissions} of them custom to ${tenant.name}`
        : "All from the global catalog",
    },
    canTemplates && {
      label: "Templates",
      value: counts.templates,
      href: "/admin/templates",
      hint: "Permission sets to start roles from",
    },
    canApprovals && {
      label: "Pending approvals",
      value: head.pendingApprovals,
      href: "/admin/approvals",
      hint: head.pendingApprovals ? "Waiting for a second admin" : "Nothing waiting",
      attention: head.pendingApprovals > 0,
    },
    canKeys && {
      label: "Active API keys",
      value: counts.activeApiKeys,
      href: "/admin/api-keys",
      hint: "Apps checking permissions",
    },
  ].filter((t) => t !== false);
  return (
    <>
      <PageHeader
        title={`Overview · ${tenant.name}`}
        crumbs={CONSOLE_CRUMBS}
        current="Overview"
        description={`Roles, permissions and access for ${tenant.name}${tenant.planName ? ` · ${tenant.planName}` : " · not plan-gated"}.`}
      />
      <OverviewView
        tiles={tiles}
        canMatrix={canRoles}
        approvals={approvals?.data ?? null}
        pendingTotal={head.pendingApprovals}
        audit={audit?.data ?? null}
        names={names}
      />
    </>
  );
}
