"use client";

import { ArrowRight, CheckCircle2, Columns3, List, Plus, UserPlus, XCircle } from "lucide-react";
import { useState } from "react";
import { MissingPermission } from "@/components/permissions/permission-gate";
import { usePermissions } from "@/components/permissions/permission-provider";
import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Select } from "@/components/ui/form";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { JOB_STATUSES, type Job } from "@/lib/demo/jobs";
import { PEOPLE } from "@/lib/demo/random";
import { api } from "@/lib/query/api";
import { StatusBadge } from "./format";
import { GatedAction, GatedFormAction } from "./gated-action";
import { PagePermissions } from "./page-permissions";

export const JOBS_PERMISSIONS = [
  { code: "jobs.list.view", what: "Open the jobs list" },
  { code: "jobs.list.create_button", what: "“Create job” button" },
  { code: "jobs.list.bulk_assign", what: "Select jobs and assign them at once" },
  { code: "jobs.detail.view", what: "Open a job’s details" },
  { code: "jobs.detail.complete", what: "Complete a job" },
  { code: "jobs.detail.cancel", what: "Cancel a job" },
  { code: "jobs.board.drag_drop", what: "Move cards on the board" },
];

/** Cards a board column shows before "+N more". */
const BOARD_CARDS = 6;

export function JobsBoard({ jobs }: { jobs: Job[] }) {
  const p = usePermissions();
  const [view, setView] = useState<"list" | "board">("list");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [assignee, setAssignee] = useState(PEOPLE[0]!);
  const [open, setOpen] = useState<Job | null>(null);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const canBulk = p.can("jobs.list.bulk_assign") && !p.readOnly;
  const canOpen = p.can("jobs.detail.view");
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const n = new Set(s);
      if (on) n.add(id);
      else n.delete(id);
      return n;
    });

  return (
    <>
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <div role="group" aria-label="View" className="inline-flex rounded-lg bg-white p-0.5 ring-1 ring-slate-200">
          {(
            [
              ["list", List, "List"],
              ["board", Columns3, "Board"],
            ] as const
          ).map(([v, Icon, label]) => (
            <button
              key={v}
              type="button"
              aria-pressed={view === v}
              onClick={() => setView(v)}
              className={`inline-flex items-center gap-1.5 rounded-md px-2.5 py-1 text-sm ${view === v ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-50"}`}
            >
              <Icon className="size-4" aria-hidden /> {label}
            </button>
          ))}
        </div>
        {canBulk && (
          <Select
            aria-label="Assignee"
            value={assignee}
            onChange={(e) => setAssignee(e.target.value)}
            className="h-8 w-48"
          >
            {PEOPLE.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </Select>
        )}
        <GatedAction
          code="jobs.list.bulk_assign"
          label={selected.size ? `Assign ${selected.size} selected` : "Bulk assign"}
          icon={UserPlus}
          disabled={selected.size === 0}
          run={() => api.post("/api/demo/jobs/bulk-assign", { ids: [...selected], assignee })}
          onDone={() => setSelected(new Set())}
        />
        <div className="ml-auto">
          <GatedFormAction
            code="jobs.list.create_button"
            label="Create job"
            icon={Plus}
            variant="primary"
            title="Create a job"
            submitLabel="Create job"
            fields={[{ name: "title", label: "Title", placeholder: "Inspect the meter cupboard" }]}
            send={(v) => api.post("/api/demo/jobs", v)}
          />
        </div>
      </div>

      {view === "list" ? (
        <Card>
          <Table>
            <thead>
              <tr>
                {canBulk && (
                  <Th className="w-10">
                    <span className="sr-only">Select</span>
                  </Th>
                )}
                <Th>Job</Th>
                <Th>Site</Th>
                <Th>Type</Th>
                <Th>Priority</Th>
                <Th>Status</Th>
                <Th>Assignee</Th>
                <Th>Due</Th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <Tr key={j.id}>
                  {canBulk && (
                    <Td>
                      <Checkbox
                        aria-label={`Select ${j.id}`}
                        checked={selected.has(j.id)}
                        onCheckedChange={(v) => toggle(j.id, v === true)}
                      />
                    </Td>
                  )}
                  <Td>
                    {canOpen ? (
                      <button
                        type="button"
                        onClick={() => setOpen(j)}
                        className="font-mono text-xs font-medium text-brand-700 hover:underline"
                      >
                        {j.id}
                      </button>
                    ) : (
                      <span className="font-mono text-xs">{j.id}</span>
                    )}
                  </Td>
                  <Td>{j.siteName}</Td>
                  <Td>{j.type}</Td>
                  <Td>
                    <StatusBadge value={j.priority} />
                  </Td>
                  <Td>
                    <StatusBadge value={j.status} />
                  </Td>
                  <Td>{j.assignee ?? "—"}</Td>
                  <Td>{j.due}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        </Card>
      ) : (
        <>
          {!p.can("jobs.board.drag_drop") && (
            <p className="mb-3">
              <MissingPermission code="jobs.board.drag_drop" label="Read-only board: moving cards requires" />
            </p>
          )}
          <div className="grid gap-4 md:grid-cols-4">
            {JOB_STATUSES.map((status, col) => {
              const all = jobs.filter((j) => j.status === status);
              const more = expanded.has(status) ? 0 : Math.max(0, all.length - BOARD_CARDS);
              return (
                <div key={status} className="rounded-xl bg-slate-100/70 p-2" data-column={status}>
                  <p className="px-1 pb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
                    {status.replace("_", " ")} · {all.length}
                  </p>
                  <ul className="space-y-2">
                    {all.slice(0, all.length - more).map((j) => (
                      <li key={j.id} className="rounded-lg bg-white p-2.5 text-sm shadow-sm ring-1 ring-slate-200">
                        <p className="font-medium">{j.type}</p>
                        <p className="text-xs text-slate-500">
                          {j.siteName} · {j.id}
                        </p>
                        {col < JOB_STATUSES.length - 1 && (
                          <div className="mt-2">
                            <GatedAction
                              code="jobs.board.drag_drop"
                              label="Move"
                              icon={ArrowRight}
                              variant="ghost"
                              hide
                              run={() => api.post(`/api/demo/jobs/${j.id}/move`, {})}
                            />
                          </div>
                        )}
                      </li>
                    ))}
                  </ul>
                  {more > 0 && (
                    <button
                      type="button"
                      onClick={() => setExpanded((e) => new Set(e).add(status))}
                      className="mt-2 w-full rounded-lg px-2 py-1.5 text-center text-xs font-medium text-brand-700 outline-none hover:bg-white focus-visible:ring-2 focus-visible:ring-brand-500/40"
                    >
                      +{more} more
                    </button>
                  )}
                </div>
              );
            })}
          </div>
        </>
      )}

      <Dialog open={open !== null} onOpenChange={(o) => !o && setOpen(null)}>
        {open && (
          <DialogContent
            title={`${open.id} · ${open.type}`}
            description={open.title}
            footer={
              <>
                <GatedAction
                  code="jobs.detail.cancel"
                  label="Cancel job"
                  icon={XCircle}
                  variant="danger"
                  confirm={{
                    title: `Cancel ${open.id}?`,
                    description: "The engineer will be told.",
                    confirmLabel: "Cancel job",
                  }}
                  run={() => api.post(`/api/demo/jobs/${open.id}/cancel`, {})}
                  onDone={() => setOpen(null)}
                />
                <GatedAction
                  code="jobs.detail.complete"
                  label="Complete"
                  icon={CheckCircle2}
                  variant="primary"
                  run={() => api.post(`/api/demo/jobs/${open.id}/complete`, {})}
                  onDone={() => setOpen(null)}
                />
              </>
            }
          >
            <dl className="grid grid-cols-2 gap-3 text-sm">
              <div>
                <dt className="text-xs text-slate-500">Site</dt>
                <dd>{open.siteName}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Status</dt>
                <dd>
                  <StatusBadge value={open.status} />
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Assignee</dt>
                <dd>{open.assignee ?? "Unassigned"}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Due</dt>
                <dd>{open.due}</dd>
              </div>
            </dl>
          </DialogContent>
        )}
      </Dialog>
      <PagePermissions items={JOBS_PERMISSIONS} />
    </>
  );
}
