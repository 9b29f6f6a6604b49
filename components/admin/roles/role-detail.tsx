"use client";
import { Copy, LayoutTemplate, Lock, Save, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { ApplyTemplateDialog } from "@/components/admin/templates/apply-template-dialog";
import { SaveAsTemplateDialog } from "@/components/admin/templates/save-as-template-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { PageSkeleton } from "@/components/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { Tooltip } from "@/components/ui/tooltip";
import { CONSOLE_CRUMB } from "@/lib/admin/sections";
import { PENDING_PARAMS, useApprovals } from "@/lib/query/approvals";
import { problemDetail } from "@/lib/query/hooks";
import { useMatrix } from "@/lib/query/matrix";
import { useRole, useRoles } from "@/lib/query/roles";
import type { DependencyEdge } from "../matrix/types";
import { useCatalog } from "./catalog";
import { catalogLookup, type ModuleIndex } from "./catalog-index";
import { CopyGrantsDialog } from "./copy-grants-dialog";
import { DeleteRoleDialog } from "./delete-role-dialog";
import type { MenuItemRef, ModuleRef } from "./editor/layout";
import { RoleEditor } from "./editor/role-editor";
import { PendingApprovals } from "./pending-approvals";
import { RoleGrants } from "./role-grants";
import { RoleHistory } from "./role-history";
import { RoleSettingsForm } from "./role-settings-form";
import { RoleUsers } from "./role-users";

export interface RoleDetailAbilities {
  manage: boolean;
  manageTemplates: boolean;
  viewUsers: boolean;
  viewAudit: boolean;
  viewCatalog: boolean;
  viewApprovals: boolean;
  manageUsers: boolean;
}
const TABS = ["permissions", "settings", "users", "history"] as const;
type Tab = (typeof TABS)[number];

/** One role: its settings, grants by module, members and history, and the grant operations on it. */
export function RoleDetailView({
  id,
  can,
  initialTab,
  modules,
  layout,
}: {
  id: string;
  can: RoleDetailAbilities;
  initialTab?: string;
  modules: ModuleIndex;
  layout: { edges: DependencyEdge[]; modules: ModuleRef[]; menuItems: MenuItemRef[] };
}) {
  const router = useRouter();
  const role = useRole(id);
  const roles = useRoles();
  const matrix = useMatrix();
  const approvals = useApprovals(PENDING_PARAMS, { enabled: can.viewApprovals });
  const [tab, setTab] = useState<Tab>(TABS.includes(initialTab as Tab) ? (initialTab as Tab) : "permissions");
  const [dialog, setDialog] = useState<null | "copy" | "apply" | "save" | "delete">(null);
  // The server sent module headings for the codes the role had; the whole catalog is fetched only
  // when the apply preview needs it (which codes need approval) or a write added codes it lacks.
  const unindexed = !!role.data?.permissions.some((p) => !modules[p.code]);
  const catalog = useCatalog(can.viewCatalog && (dialog === "apply" || unindexed));
  const lookup = useMemo(() => {
    const fromCatalog = catalogLookup(catalog.byCode);
    return (code: string) => modules[code] ?? fromCatalog(code);
  }, [modules, catalog.byCode]);
  const roleList = roles.data?.data ?? [];
  const roleNames = useMemo(() => new Map(roleList.map((r) => [r.id, r.name])), [roleList]);

  if (role.isError)
    return (
      <ErrorState title="Could not load this role" detail={problemDetail(role.error)} onRetry={() => role.refetch()} />
    );
  if (!role.data) return <PageSkeleton />;
  const r = role.data;
  const editable = can.manage && !r.is_system;
  const userCount = roleList.find((x) => x.id === r.id)?.user_count;
  const reload = () => {
    void role.refetch();
    void roles.refetch();
  };
  const changeTab = (t: string) => {
    setTab(t as Tab);
    const url = new URL(window.location.href);
    url.searchParams.set("tab", t);
    window.history.replaceState(null, "", url);
  };

  const grantActions = editable ? (
    <>
      <Button variant="secondary" size="sm" onClick={() => setDialog("copy")}>
        <Copy className="size-3.5" aria-hidden />
        Copy from role
      </Button>
      {can.manageTemplates && (
        <Button variant="secondary" size="sm" onClick={() => setDialog("apply")}>
          <LayoutTemplate className="size-3.5" aria-hidden />
          Apply template
        </Button>
      )}
      {can.manageTemplates && (
        <Button variant="secondary" size="sm" onClick={() => setDialog("save")}>
          <Save className="size-3.5" aria-hidden />
          Save as template
        </Button>
      )}
    </>
  ) : can.manageTemplates ? (
    <Button variant="secondary" size="sm" onClick={() => setDialog("save")}>
      <Save className="size-3.5" aria-hidden />
      Save as template
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        crumbs={[CONSOLE_CRUMB, { href: "/admin/roles", label: "Roles" }]}
        current={r.name}
        title={
          <span className="flex flex-wrap items-center gap-2">
            {r.name}
            {r.is_system && <Badge tone="brand">System</Badge>}
            {r.is_default && <Badge tone="green">Default</Badge>}
          </span>
        }
        description={
          <>
            {r.description ?? "No description."}
            {r.parents.length > 0 && (
              <span className="mt-2 flex flex-wrap items-center gap-1.5">
                <span className="text-xs font-medium uppercase tracking-wide text-slate-400">Inherits from</span>
                {r.parents.map((p) => (
                  <Link key={p.id} href={`/admin/roles/${p.id}`}>
                    <Badge className="hover:bg-slate-200">{p.name}</Badge>
                  </Link>
                ))}
              </span>
            )}
          </>
        }
        actions={
          can.manage &&
          (r.is_system ? (
            <Tooltip content="System roles cannot be deleted">
              <span role="group" tabIndex={0} aria-label="System roles cannot be deleted">
                <Button variant="secondary" disabled aria-hidden tabIndex={-1} className="opacity-50">
                  <Trash2 className="size-4" aria-hidden />
                  Delete role
                </Button>
              </span>
            </Tooltip>
          ) : (
            <Button variant="secondary" onClick={() => setDialog("delete")} className="text-red-700">
              <Trash2 className="size-4" aria-hidden />
              Delete role
            </Button>
          ))
        }
      />

      {r.is_system && (
        <div
          role="note"
          className="mb-5 flex items-start gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700 shadow-sm"
        >
          <Lock className="mt-0.5 size-4 shrink-0 text-slate-500" aria-hidden />
          <p>
            <strong className="font-semibold text-slate-900">{r.name} is a system role and is read-only.</strong> Its
            name, settings and grants cannot be changed, and it cannot be deleted.{" "}
            {r.grants_all ? "It holds every permission, present and future." : ""}
          </p>
        </div>
      )}

      <Tabs value={tab} onValueChange={changeTab}>
        <TabsList aria-label="Role sections">
          <TabsTrigger value="permissions">
            Permissions <span className="ml-1 text-xs text-slate-400">{r.permissions.length}</span>
          </TabsTrigger>
          <TabsTrigger value="settings">Settings</TabsTrigger>
          <TabsTrigger value="users">
            Members {userCount !== undefined && <span className="ml-1 text-xs text-slate-400">{userCount}</span>}
          </TabsTrigger>
          <TabsTrigger value="history">History</TabsTrigger>
        </TabsList>
        <TabsContent value="permissions">
          {can.viewApprovals && <PendingApprovals roleId={r.id} />}
          {matrix.data ? (
            <div className="space-y-3">
              {grantActions && <div className="flex flex-wrap justify-end gap-2">{grantActions}</div>}
              <RoleEditor
                key={r.id}
                role={r}
                data={matrix.data}
                roleList={roleList}
                approvals={approvals.data?.data ?? []}
                edges={layout.edges}
                modules={layout.modules}
                menuItems={layout.menuItems}
                canManage={can.manage}
                canViewAudit={can.viewAudit}
              />
            </div>
          ) : (
            <RoleGrants role={r} lookup={lookup} actions={grantActions} />
          )}
        </TabsContent>
        <TabsContent value="settings">
          <RoleSettingsForm key={r.version} role={r} roles={roleList} readOnly={!editable} onReload={reload} />
        </TabsContent>
        <TabsContent value="users">
          <RoleUsers
            roleId={r.id}
            roleName={r.name}
            canView={can.viewUsers}
            canAssign={can.manageUsers && !r.is_system}
          />
        </TabsContent>
        <TabsContent value="history">
          <RoleHistory roleId={r.id} canView={can.viewAudit} roleNames={roleNames} />
        </TabsContent>
      </Tabs>

      {editable && (
        <CopyGrantsDialog
          role={r}
          roles={roleList}
          open={dialog === "copy"}
          onOpenChange={(o) => setDialog(o ? "copy" : null)}
          onReload={reload}
        />
      )}
      {editable && can.manageTemplates && (
        <ApplyTemplateDialog
          role={r}
          byCode={catalog.byCode}
          open={dialog === "apply"}
          onOpenChange={(o) => setDialog(o ? "apply" : null)}
          onReload={reload}
        />
      )}
      {can.manageTemplates && dialog === "save" && (
        <SaveAsTemplateDialog role={r} open onOpenChange={(o) => setDialog(o ? "save" : null)} />
      )}
      {editable && (
        <DeleteRoleDialog
          role={r}
          open={dialog === "delete"}
          onOpenChange={(o) => setDialog(o ? "delete" : null)}
          onDeleted={() => router.push("/admin/roles")}
        />
      )}
    </>
  );
}
