import type { RouteEntry } from "@/lib/api/openapi";
import * as demoDashboardLayout from "../../demo/dashboard/layout/route";
import * as demoErpRecord from "../../demo/erp/[resource]/[id]/route";
import * as demoErpExport from "../../demo/erp/[resource]/export/route";
import * as demoErpCreate from "../../demo/erp/[resource]/route";
import * as demoJobCancel from "../../demo/jobs/[id]/cancel/route";
import * as demoJobComplete from "../../demo/jobs/[id]/complete/route";
import * as demoJobMove from "../../demo/jobs/[id]/move/route";
import * as demoJobsBulkAssign from "../../demo/jobs/bulk-assign/route";
import * as demoJobCreate from "../../demo/jobs/route";
import * as demoReportAnalysis from "../../demo/reports/analysis/route";
import * as demoReportCustom from "../../demo/reports/custom/route";
import * as demoReportRdgExport from "../../demo/reports/rdg-export/route";
import * as demoSiteAlerts from "../../demo/sites/[id]/alerts/route";
import * as demoSiteChangeMeter from "../../demo/sites/[id]/change-meter/route";
import * as demoSiteChangeSim from "../../demo/sites/[id]/change-sim/route";
import * as demoSiteCompare from "../../demo/sites/[id]/compare/route";
import * as demoSiteExport from "../../demo/sites/[id]/export/route";
import * as demoSiteJobs from "../../demo/sites/[id]/jobs/route";
import * as demoSiteMonitoring from "../../demo/sites/[id]/monitoring/route";
import * as demoSiteNotes from "../../demo/sites/[id]/notes/route";
import * as demoSite from "../../demo/sites/[id]/route";
import * as demoSiteTestMeter from "../../demo/sites/[id]/test-meter/route";
import * as demoSiteTextLandlord from "../../demo/sites/[id]/text-landlord/route";
import * as demoSitesBulk from "../../demo/sites/bulk/route";
import * as demoSitesExport from "../../demo/sites/export/route";
import * as demoSiteAdd from "../../demo/sites/route";
import * as r0 from "../../health/route";
import * as live from "../../live/route";
import * as r1 from "../../metrics/route";
import * as r2 from "../api-keys/[id]/route";
import * as r3 from "../api-keys/route";
import * as r4 from "../approvals/[id]/approve/route";
import * as r5 from "../approvals/[id]/reject/route";
import * as r6 from "../approvals/route";
import * as r7 from "../audit/route";
import * as r8 from "../audit/verify/route";
import * as r9 from "../check/bulk/route";
import * as r10 from "../check/route";
import * as decisions from "../decisions/route";
import * as departmentOne from "../departments/[id]/route";
import * as departmentList from "../departments/route";
import * as invitation from "../invitations/[id]/route";
import * as invitationAccept from "../invitations/accept/route";
import * as invitationList from "../invitations/route";
import * as r11 from "../matrix/route";
import * as meInvitations from "../me/invitations/route";
import * as r12 from "../me/menus/route";
import * as meMfaDisable from "../me/mfa/disable/route";
import * as meMfaEnrolConfirm from "../me/mfa/enrol/confirm/route";
import * as meMfaEnrol from "../me/mfa/enrol/route";
import * as meMfaRecoveryCodes from "../me/mfa/recovery-codes/route";
import * as meMfaStatus from "../me/mfa/route";
import * as meMfaVerify from "../me/mfa/verify/route";
import * as r13 from "../me/permission-map/route";
import * as r14 from "../me/permissions/route";
import * as r15 from "../me/route";
import * as meSession from "../me/sessions/[id]/route";
import * as meSessions from "../me/sessions/route";
import * as meStream from "../me/stream/route";
import * as r16 from "../me/tenant/route";
import * as menuItemOne from "../menu-items/[id]/route";
import * as r17 from "../menu-items/route";
import * as moduleOne from "../modules/[id]/route";
import * as r18 from "../modules/route";
import * as r19 from "../permissions/[ref]/dependencies/route";
import * as permissionHolders from "../permissions/[ref]/holders/route";
import * as r20 from "../permissions/[ref]/route";
import * as r21 from "../permissions/categories/route";
import * as r22 from "../permissions/groups/route";
import * as r23 from "../permissions/route";
import * as r24 from "../plans/[id]/features/route";
import * as r25 from "../plans/[id]/route";
import * as r26 from "../plans/route";
import * as policyLegacyMenus from "../policy/legacy-menus/route";
import * as policy from "../policy/route";
import * as policySchema from "../policy/schema/route";
import * as r27 from "../roles/[id]/copy/route";
import * as r28 from "../roles/[id]/permissions/route";
import * as r29 from "../roles/[id]/route";
import * as r30 from "../roles/[id]/users/route";
import * as r31 from "../roles/route";
import * as r32 from "../stats/checks/route";
import * as statsRoleMembers from "../stats/role-members/route";
import * as statsUsage from "../stats/usage/route";
import * as syncPolicy from "../sync/policy/route";
import * as syncStream from "../sync/stream/route";
import * as syncUser from "../sync/users/[id]/route";
import * as syncUsers from "../sync/users/route";
import * as teamMembersPut from "../teams/[id]/members/route";
import * as teamOne from "../teams/[id]/route";
import * as teamList from "../teams/route";
import * as r33 from "../templates/[id]/apply/route";
import * as r34 from "../templates/[id]/route";
import * as r35 from "../templates/route";
import * as tenantPlanImpact from "../tenants/[id]/plan-impact/route";
import * as r36 from "../tenants/[id]/route";
import * as r37 from "../tenants/route";
import * as r38 from "../users/[id]/audit/route";
import * as r39 from "../users/[id]/permissions/[ref]/explain/route";
import * as r40 from "../users/[id]/permissions/[ref]/route";
import * as r41 from "../users/[id]/permissions/route";
import * as r42 from "../users/[id]/permissions/stats/route";
import * as r43 from "../users/[id]/roles/[role_id]/route";
import * as r44 from "../users/[id]/roles/route";
import * as r45 from "../users/[id]/route";
import * as userSessions from "../users/[id]/sessions/route";
import * as usersImport from "../users/import/route";
import * as r46 from "../users/route";

/**
 * Every route of the API, for the OpenAPI document. The inventory test (e2e/api-inventory.spec.ts)
 * fails when a route file is missing here, so this list cannot silently fall behind.
 */
export const routes: RouteEntry[] = [
  { path: "/api/health", module: r0, public: true, summary: "Liveness and database reachability" },
  { path: "/api/live", module: live, public: true, summary: "Liveness only: the process answers (no database)" },
  { path: "/api/metrics", module: r1, summary: "Prometheus metrics (platform super-admin or METRICS_TOKEN)" },
  { path: "/api/v1/api-keys/[id]", module: r2 },
  { path: "/api/v1/api-keys", module: r3 },
  { path: "/api/v1/approvals/[id]/approve", module: r4 },
  { path: "/api/v1/approvals/[id]/reject", module: r5 },
  { path: "/api/v1/approvals", module: r6 },
  { path: "/api/v1/audit", module: r7 },
  { path: "/api/v1/audit/verify", module: r8 },
  { path: "/api/v1/decisions", module: decisions },
  { path: "/api/v1/check/bulk", module: r9 },
  { path: "/api/v1/check", module: r10 },
  { path: "/api/v1/matrix", module: r11 },
  { path: "/api/v1/me/menus", module: r12 },
  { path: "/api/v1/me/permission-map", module: r13 },
  { path: "/api/v1/me/permissions", module: r14 },
  { path: "/api/v1/me", module: r15 },
  { path: "/api/v1/me/tenant", module: r16 },
  { path: "/api/v1/menu-items", module: r17 },
  { path: "/api/v1/modules", module: r18 },
  {
    path: "/api/v1/modules/[id]",
    module: moduleOne,
    summary: "A module: edit, reorder, deactivate, delete when empty",
  },
  {
    path: "/api/v1/menu-items/[id]",
    module: menuItemOne,
    summary: "A menu item: edit, reorder, deactivate, delete (super-admin)",
  },
  { path: "/api/v1/permissions/[ref]/dependencies", module: r19 },
  { path: "/api/v1/permissions/[ref]/holders", module: permissionHolders },
  { path: "/api/v1/permissions/[ref]", module: r20 },
  { path: "/api/v1/permissions/categories", module: r21 },
  { path: "/api/v1/permissions/groups", module: r22 },
  { path: "/api/v1/permissions", module: r23 },
  { path: "/api/v1/plans/[id]/features", module: r24 },
  { path: "/api/v1/plans/[id]", module: r25 },
  { path: "/api/v1/plans", module: r26 },
  { path: "/api/v1/policy", module: policy, summary: "The tenant's policy as one document: export, dry-run, apply" },
  { path: "/api/v1/departments", module: departmentList, summary: "The tenant's departments: list, create" },
  { path: "/api/v1/departments/[id]", module: departmentOne, summary: "A department: rename, delete" },
  { path: "/api/v1/teams", module: teamList, summary: "The tenant's teams: list, create" },
  { path: "/api/v1/teams/[id]", module: teamOne, summary: "A team: read, rename or move, delete" },
  { path: "/api/v1/teams/[id]/members", module: teamMembersPut, summary: "Replace a team's members" },
  {
    path: "/api/v1/policy/schema",
    module: policySchema,
    public: true,
    summary: "The policy document's JSON Schema, for editors",
  },
  { path: "/api/v1/roles/[id]/copy", module: r27 },
  { path: "/api/v1/roles/[id]/permissions", module: r28 },
  { path: "/api/v1/roles/[id]", module: r29 },
  { path: "/api/v1/roles/[id]/users", module: r30 },
  { path: "/api/v1/roles", module: r31 },
  { path: "/api/v1/stats/checks", module: r32 },
  { path: "/api/v1/sync/policy", module: syncPolicy, summary: "The key's tenant's policy, for the client SDK" },
  { path: "/api/v1/sync/users/[id]", module: syncUser, summary: "A user's assignments, for the client SDK" },
  { path: "/api/v1/sync/users", module: syncUsers, summary: "Users' assignments in a batch, for the client SDK" },
  {
    path: "/api/v1/sync/stream",
    module: syncStream,
    summary: "The tenant's changes as Server-Sent Events, for the client SDK",
  },
  { path: "/api/v1/stats/usage", module: statsUsage },
  {
    path: "/api/v1/stats/role-members",
    module: statsRoleMembers,
    summary: "Members per role per day (hourly snapshots; today live)",
  },
  {
    path: "/api/v1/policy/legacy-menus",
    module: policyLegacyMenus,
    summary: "Grant the UI permissions mapped from legacy menu permissions (gatehouse migrate-legacy-menus)",
  },
  {
    path: "/api/v1/users/import",
    module: usersImport,
    summary: "Members from CSV, all or nothing (gatehouse users import)",
  },
  { path: "/api/v1/templates/[id]/apply", module: r33 },
  { path: "/api/v1/templates/[id]", module: r34 },
  { path: "/api/v1/templates", module: r35 },
  { path: "/api/v1/tenants/[id]/plan-impact", module: tenantPlanImpact },
  { path: "/api/v1/tenants/[id]", module: r36 },
  { path: "/api/v1/tenants", module: r37 },
  { path: "/api/v1/users/[id]/audit", module: r38 },
  { path: "/api/v1/users/[id]/permissions/[ref]/explain", module: r39 },
  { path: "/api/v1/users/[id]/permissions/[ref]", module: r40 },
  { path: "/api/v1/users/[id]/permissions", module: r41 },
  { path: "/api/v1/users/[id]/permissions/stats", module: r42 },
  { path: "/api/v1/users/[id]/roles/[role_id]", module: r43 },
  { path: "/api/v1/users/[id]/roles", module: r44 },
  { path: "/api/v1/users/[id]", module: r45 },
  { path: "/api/v1/users", module: r46 },
  { path: "/api/v1/invitations", module: invitationList },
  { path: "/api/v1/invitations/[id]", module: invitation },
  { path: "/api/v1/invitations/accept", module: invitationAccept },
  { path: "/api/v1/me/invitations", module: meInvitations },
  { path: "/api/demo/sites", module: demoSiteAdd, summary: "Demo product: add a site" },
  { path: "/api/demo/sites/export", module: demoSitesExport, summary: "Demo product: export the sites list" },
  { path: "/api/demo/sites/bulk", module: demoSitesBulk, summary: "Demo product: bulk actions on sites" },
  { path: "/api/demo/sites/[id]", module: demoSite, summary: "Demo product: edit or delete a site" },
  { path: "/api/demo/sites/[id]/test-meter", module: demoSiteTestMeter, summary: "Demo product: test a meter (MFA)" },
  {
    path: "/api/demo/sites/[id]/change-meter",
    module: demoSiteChangeMeter,
    summary: "Demo product: change a meter (MFA)",
  },
  { path: "/api/demo/sites/[id]/change-sim", module: demoSiteChangeSim, summary: "Demo product: change a SIM (MFA)" },
  { path: "/api/demo/sites/[id]/notes", module: demoSiteNotes, summary: "Demo product: add a note to a site" },
  { path: "/api/demo/sites/[id]/jobs", module: demoSiteJobs, summary: "Demo product: create a job for a site" },
  { path: "/api/demo/sites/[id]/export", module: demoSiteExport, summary: "Demo product: export a site" },
  {
    path: "/api/demo/sites/[id]/text-landlord",
    module: demoSiteTextLandlord,
    summary: "Demo product: text a site's landlord",
  },
  {
    path: "/api/demo/sites/[id]/monitoring",
    module: demoSiteMonitoring,
    summary: "Demo product: start advanced monitoring",
  },
  { path: "/api/demo/sites/[id]/alerts", module: demoSiteAlerts, summary: "Demo product: acknowledge a site's alerts" },
  { path: "/api/demo/sites/[id]/compare", module: demoSiteCompare, summary: "Demo product: compare a site's readings" },
  { path: "/api/demo/jobs", module: demoJobCreate, summary: "Demo product: create a job" },
  { path: "/api/demo/jobs/bulk-assign", module: demoJobsBulkAssign, summary: "Demo product: assign several jobs" },
  { path: "/api/demo/jobs/[id]/complete", module: demoJobComplete, summary: "Demo product: complete a job" },
  { path: "/api/demo/jobs/[id]/cancel", module: demoJobCancel, summary: "Demo product: cancel a job" },
  { path: "/api/demo/jobs/[id]/move", module: demoJobMove, summary: "Demo product: move a job on the board" },
  { path: "/api/demo/reports/rdg-export", module: demoReportRdgExport, summary: "Demo product: export the RDG report" },
  { path: "/api/demo/reports/custom", module: demoReportCustom, summary: "Demo product: create a custom report" },
  {
    path: "/api/demo/reports/analysis",
    module: demoReportAnalysis,
    summary: "Demo product: advanced analysis figures (reports.analysis.advanced)",
  },
  {
    path: "/api/demo/dashboard/layout",
    module: demoDashboardLayout,
    summary: "Demo product: save the dashboard layout",
  },
  {
    path: "/api/demo/erp/[resource]",
    module: demoErpCreate,
    summary: "Demo product: create an ERP record (<resource>.create)",
  },
  {
    path: "/api/demo/erp/[resource]/export",
    module: demoErpExport,
    summary: "Demo product: export an ERP list (<resource>.export)",
  },
  {
    path: "/api/demo/erp/[resource]/[id]",
    module: demoErpRecord,
    summary: "Demo product: edit or delete an ERP record",
  },
  {
    path: "/api/v1/me/mfa",
    module: meMfaStatus,
    summary: "My second factor: enabled, recovery codes left, step-up valid until",
  },
  {
    path: "/api/v1/me/mfa/enrol",
    module: meMfaEnrol,
    summary: "Start TOTP enrolment: secret, otpauth URI and QR code (shown once)",
  },
  {
    path: "/api/v1/me/mfa/enrol/confirm",
    module: meMfaEnrolConfirm,
    summary: "Confirm TOTP enrolment with a first code; returns the recovery codes (shown once)",
  },
  {
    path: "/api/v1/me/mfa/verify",
    module: meMfaVerify,
    summary: "Step-up: verify a TOTP or recovery code for this session (15 minutes)",
  },
  { path: "/api/v1/me/mfa/disable", module: meMfaDisable, summary: "Turn TOTP off (needs a current code)" },
  {
    path: "/api/v1/me/mfa/recovery-codes",
    module: meMfaRecoveryCodes,
    summary: "Replace the recovery codes (needs a current code)",
  },
  { path: "/api/v1/me/stream", module: meStream, summary: "Server-Sent Events: my tenant's perm_version, live" },
  { path: "/api/v1/me/sessions", module: meSessions, summary: "My live sessions; DELETE: sign out everywhere else" },
  { path: "/api/v1/me/sessions/[id]", module: meSession, summary: "End one of my sessions, on every instance" },
  {
    path: "/api/v1/users/[id]/sessions",
    module: userSessions,
    summary: "End every session of a member of this tenant (an admin's sign out everywhere)",
  },
];
