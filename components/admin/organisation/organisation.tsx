"use client";
import { Building, Network, Pencil, Plus, Trash2, UsersRound } from "lucide-react";
import { useDeferredValue, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { EmptyState, ErrorState } from "@/components/ui/empty-state";
import { Field, Select } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { SearchInput } from "@/components/ui/search-input";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { problemDetail } from "@/lib/query/hooks";
import {
  type DepartmentItem,
  type Removal,
  type TeamItem,
  useDeleteOrganisationUnit,
  useDepartments,
  useSaveDepartment,
  useSaveTeam,
  useTeamMembers,
  useTeams,
} from "@/lib/query/organisation";
import { useUsers } from "@/lib/query/users";

/**
 * The tenant's departments and teams (API.md "Organisation structure"): create, rename, delete,
 * and who is in each team. Placement decides department- and team-scoped grants, so the dialogs
 * say so; a member's department is set from their user page.
 */
export function Organisation({ canManage }: { canManage: boolean }) {
  const departments = useDepartments();
  const teams = useTeams();
  const [department, setDepartment] = useState<DepartmentItem | "new" | null>(null);
  const [team, setTeam] = useState<TeamItem | "new" | null>(null);
  const [members, setMembers] = useState<TeamItem | null>(null);
  const [removing, setRemoving] = useState<Removal | null>(null);
  const remove = useDeleteOrganisationUnit({
    success: (_d, r) => `Deleted ${r.kind} ${r.name}`,
    onSuccess: () => setRemoving(null),
  });
  const deptList = departments.data?.data ?? [];

  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <Card aria-label="Departments">
        <CardHeader
          title="Departments"
          description="A member belongs to at most one. Department-scoped grants reach the records of the member's own department."
          action={
            canManage ? (
              <Button size="sm" className="shrink-0 whitespace-nowrap" onClick={() => setDepartment("new")}>
                <Plus className="size-4" aria-hidden />
                New department
              </Button>
            ) : undefined
          }
        />
        {departments.isError ? (
          <ErrorState
            title="Could not load the departments"
            detail={problemDetail(departments.error)}
            onRetry={() => departments.refetch()}
          />
        ) : departments.isLoading ? (
          <Loading label="Loading departments" />
        ) : deptList.length === 0 ? (
          <EmptyState
            icon={Building}
            title="No departments yet"
            description="Create one, then place members in it from their user page."
          />
        ) : (
          <Table aria-label="Departments">
            <thead>
              <tr>
                <Th className="hidden sm:table-cell">Department</Th>
                <Th>Members</Th>
                <Th className="hidden sm:table-cell">Teams</Th>
                {canManage && (
                  <Th className="text-right">
                    <span className="sr-only">Actions</span>
                  </Th>
                )}
              </tr>
            </thead>
            <tbody>
              {deptList.map((d) => (
                <Tr key={d.id}>
                  <Td className="font-medium text-slate-900">{d.name}</Td>
                  <Td>{d.member_count}</Td>
                  <Td className="hidden sm:table-cell">{d.team_count}</Td>
                  {canManage && (
                    <Td className="text-right">
                      <RowActions
                        name={d.name}
                        onEdit={() => setDepartment(d)}
                        onDelete={() => setRemoving({ kind: "department", id: d.id, name: d.name })}
                      />
                    </Td>
                  )}
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>

      <Card aria-label="Teams">
        <CardHeader
          title="Teams"
          description="A member can be in several. Team-scoped grants reach the records of the member's teams."
          action={
            canManage ? (
              <Button size="sm" className="shrink-0 whitespace-nowrap" onClick={() => setTeam("new")}>
                <Plus className="size-4" aria-hidden />
                New team
              </Button>
            ) : undefined
          }
        />
        {teams.isError ? (
          <ErrorState
            title="Could not load the teams"
            detail={problemDetail(teams.error)}
            onRetry={() => teams.refetch()}
          />
        ) : teams.isLoading ? (
          <Loading label="Loading teams" />
        ) : !teams.data?.data.length ? (
          <EmptyState icon={Network} title="No teams yet" description="Create one and choose its members." />
        ) : (
          <Table aria-label="Teams">
            <thead>
              <tr>
                <Th>Team</Th>
                <Th className="hidden sm:table-cell">Department</Th>
                <Th>Members</Th>
                {canManage && (
                  <Th className="text-right">
                    <span className="sr-only">Actions</span>
                  </Th>
                )}
              </tr>
            </thead>
            <tbody>
              {teams.data.data.map((t) => (
                <Tr key={t.id}>
                  <Td className="font-medium text-slate-900">
                    {t.name}
                    {t.department && (
                      <span className="block text-xs font-normal text-slate-600 sm:hidden">{t.department}</span>
                    )}
                  </Td>
                  <Td className="hidden sm:table-cell">
                    {t.department ?? <span className="text-slate-500">None</span>}
                  </Td>
                  <Td>
                    {canManage ? (
                      <Button
                        variant="secondary"
                        size="sm"
                        onClick={() => setMembers(t)}
                        aria-label={`Members of ${t.name}`}
                      >
                        <UsersRound className="size-4" aria-hidden />
                        {t.member_count}
                      </Button>
                    ) : (
                      t.member_count
                    )}
                  </Td>
                  {canManage && (
                    <Td className="text-right">
                      <RowActions
                        name={t.name}
                        onEdit={() => setTeam(t)}
                        onDelete={() => setRemoving({ kind: "team", id: t.id, name: t.name })}
                      />
                    </Td>
                  )}
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>

      {department && <DepartmentDialog department={department} onClose={() => setDepartment(null)} />}
      {team && <TeamDialog team={team} departments={deptList} onClose={() => setTeam(null)} />}
      {members && <MembersDialog team={members} onClose={() => setMembers(null)} />}
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={removing ? `Delete ${removing.kind} ${removing.name}?` : ""}
        description={
          removing?.kind === "department"
            ? "Its members are left without a department, and its teams without one. Department-scoped grants stop reaching that department's records for them."
            : "Its members leave it. Team-scoped grants stop reaching that team's records for them."
        }
        confirmLabel="Delete"
        busy={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
      />
    </div>
  );
}

function Loading({ label }: { label: string }) {
  return (
    <div className="space-y-2 p-4" role="status" aria-label={label}>
      {Array.from({ length: 3 }, (_, i) => (
        <Skeleton key={i} className="h-10 w-full" />
      ))}
    </div>
  );
}

function RowActions({ name, onEdit, onDelete }: { name: string; onEdit: () => void; onDelete: () => void }) {
  return (
    <span className="inline-flex gap-1">
      <Button variant="ghost" size="sm" onClick={onEdit} aria-label={`Edit ${name}`}>
        <Pencil className="size-4" aria-hidden />
      </Button>
      <Button variant="ghost" size="sm" onClick={onDelete} aria-label={`Delete ${name}`}>
        <Trash2 className="size-4" aria-hidden />
      </Button>
    </span>
  );
}

function DepartmentDialog({ department, onClose }: { department: DepartmentItem | "new"; onClose: () => void }) {
  const editing = department === "new" ? null : department;
  const [name, setName] = useState(editing?.name ?? "");
  const save = useSaveDepartment({
    success: (d) => (editing ? `Renamed to ${d.name}` : `Created department ${d.name}`),
    onSuccess: onClose,
    onError: (e) => [400, 409].includes(e.status),
  });
  const error = save.error?.fieldError("name") ?? (save.error?.status === 409 ? save.error.body.detail : undefined);
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent
        title={editing ? `Rename ${editing.name}` : "New department"}
        footer={
          <>
            <Button variant="secondary" onClick={onClose} disabled={save.isPending}>
              Cancel
            </Button>
            <Button type="submit" form="department-form" disabled={!name.trim() || save.isPending}>
              {save.isPending ? "Saving…" : editing ? "Rename" : "Create department"}
            </Button>
          </>
        }
      >
        <form
          noValidate
          id="department-form"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ id: editing?.id ?? null, name: name.trim() });
          }}
        >
          <Field id="department-name" label="Name" error={error}>
            <Input
              id="department-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={100}
              autoFocus
              aria-invalid={!!error}
              placeholder="e.g. Finance"
            />
          </Field>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function TeamDialog({
  team,
  departments,
  onClose,
}: {
  team: TeamItem | "new";
  departments: DepartmentItem[];
  onClose: () => void;
}) {
  const editing = team === "new" ? null : team;
  const [name, setName] = useState(editing?.name ?? "");
  const [departmentId, setDepartmentId] = useState(editing?.department_id ?? "");
  const save = useSaveTeam({
    success: (t) => (editing ? `Saved team ${t.name}` : `Created team ${t.name}`),
    onSuccess: onClose,
    onError: (e) => [400, 409].includes(e.status),
  });
  const error = save.error?.fieldError("name") ?? (save.error?.status === 409 ? save.error.body.detail : undefined);
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent
        title={editing ? `Edit ${editing.name}` : "New team"}
        description="Its department is for finding it: a member's team-scoped grants follow the teams they are in, and their department-scoped grants their own department."
        footer={
          <>
            <Button variant="secondary" onClick={onClose} disabled={save.isPending}>
              Cancel
            </Button>
            <Button type="submit" form="team-form" disabled={!name.trim() || save.isPending}>
              {save.isPending ? "Saving…" : editing ? "Save team" : "Create team"}
            </Button>
          </>
        }
      >
        <form
          noValidate
          id="team-form"
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ id: editing?.id ?? null, name: name.trim(), department_id: departmentId || null });
          }}
        >
          <Field id="team-name" label="Name" error={error}>
            <Input
              id="team-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={100}
              autoFocus
              aria-invalid={!!error}
              placeholder="e.g. North Field"
            />
          </Field>
          <Field id="team-department" label="Department">
            <Select id="team-department" value={departmentId} onChange={(e) => setDepartmentId(e.target.value)}>
              <option value="">None</option>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </Select>
          </Field>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** Who is in the team: tick members of the tenant (searched on the server), save replaces the list. */
function MembersDialog({ team, onClose }: { team: TeamItem; onClose: () => void }) {
  const [search, setSearch] = useState("");
  const term = useDeferredValue(search.trim());
  const users = useUsers({ limit: 50, ...(term ? { search: term } : {}) });
  const [chosen, setChosen] = useState(() => new Set(team.member_ids));
  const save = useTeamMembers({ success: (t) => `${t.name}: ${t.member_count} members`, onSuccess: onClose });
  const toggle = (id: string, on: boolean) =>
    setChosen((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const added = [...chosen].filter((id) => !team.member_ids.includes(id)).length;
  const removed = team.member_ids.filter((id) => !chosen.has(id)).length;
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent
        title={`Members of ${team.name}`}
        description="Team-scoped grants reach this team's records for the members ticked here."
        footer={
          <>
            <span className="mr-auto text-sm text-slate-600" aria-live="polite">
              {chosen.size} members
              {added + removed > 0 && (
                <>
                  {" "}
                  · <Badge tone="green">+{added}</Badge> <Badge tone="red">−{removed}</Badge>
                </>
              )}
            </span>
            <Button variant="secondary" onClick={onClose} disabled={save.isPending}>
              Cancel
            </Button>
            <Button
              onClick={() => save.mutate({ id: team.id, user_ids: [...chosen] })}
              disabled={save.isPending || added + removed === 0}
            >
              {save.isPending ? "Saving…" : "Save members"}
            </Button>
          </>
        }
      >
        <SearchInput
          className="relative mb-3 w-full"
          label="Search members"
          placeholder="Search by name or email"
          value={search}
          onValueChange={setSearch}
        />
        {users.isError ? (
          <ErrorState
            title="Could not load the members"
            detail={problemDetail(users.error)}
            onRetry={() => users.refetch()}
          />
        ) : users.isLoading ? (
          <Loading label="Loading members" />
        ) : (
          <ul
            aria-label="Tenant members"
            className="max-h-80 divide-y divide-slate-100 overflow-y-auto rounded-lg ring-1 ring-slate-200"
          >
            {(users.data?.data ?? []).map((u) => (
              <li key={u.id}>
                <label
                  htmlFor={`team-member-${u.id}`}
                  className="flex cursor-pointer items-center gap-3 px-3 py-2 text-sm hover:bg-slate-50"
                >
                  <Checkbox
                    id={`team-member-${u.id}`}
                    checked={chosen.has(u.id)}
                    onCheckedChange={(c) => toggle(u.id, c === true)}
                    aria-label={u.name}
                  />
                  <span className="min-w-0">
                    <span className="block font-medium text-slate-800">{u.name}</span>
                    <span className="block truncate text-xs text-slate-600">
                      {u.email}
                      {u.department ? ` · ${u.department}` : ""}
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </DialogContent>
    </Dialog>
  );
}
