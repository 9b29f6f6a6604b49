"use client";

import { Check, Download, Pencil, Plus, Trash2, X } from "lucide-react";
import { MissingPermission } from "@/components/permissions/permission-gate";
import { usePermissions } from "@/components/permissions/permission-provider";
import type { ResourceAction } from "@/components/permissions/permission-set";
import { Card } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { ErpColumn, ErpRow } from "@/lib/demo/erp";
import { api } from "@/lib/query/api";
import { money, number, StatusBadge } from "./format";
import { GatedAction, GatedFormAction } from "./gated-action";
import { PagePermissions } from "./page-permissions";

const ACTIONS: ResourceAction[] = ["view", "create", "edit", "delete", "export"];

export interface ErpListProps {
  name: string;
  resource: string;
  noun: string;
  columns: ErpColumn[];
  rows: ErpRow[];
  money: string[];
}

/**
 * One list page for every ERP menu item (seed 004): view, create, edit, delete and export are the
 * item's five permissions (`<resource>.<action>`), read through the resource × action helpers.
 */
export function ErpList({ name, resource, noun, columns, rows, money: moneyKeys }: ErpListProps) {
  const p = usePermissions();
  const url = `/api/demo/erp/${resource}`;
  const can: Record<ResourceAction, boolean> = {
    view: p.canView(resource),
    create: p.canCreate(resource),
    edit: p.canEdit(resource),
    delete: p.canDelete(resource),
    export: p.canExport(resource),
  };
  const isMoney = new Set(moneyKeys);
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <ul className="flex flex-wrap gap-1.5" aria-label="What you can do here" data-testid="resource-actions">
          {ACTIONS.map((a) => (
            <li
              key={a}
              data-action={a}
              data-granted={can[a]}
              className={`inline-flex items-center gap-1 rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${can[a] ? "bg-emerald-50 text-emerald-700 ring-emerald-200" : "bg-slate-50 text-slate-400 ring-slate-200"}`}
            >
              {can[a] ? <Check className="size-3" aria-hidden /> : <X className="size-3" aria-hidden />} {a}
            </li>
          ))}
        </ul>
        <div className="ml-auto flex gap-2">
          <GatedAction
            code={`${resource}.export`}
            label="Export"
            icon={Download}
            run={() => api.post(`${url}/export`, {})}
          />
          <GatedFormAction
            code={`${resource}.create`}
            label={`New ${noun}`}
            icon={Plus}
            variant="primary"
            title={`New ${noun}`}
            submitLabel="Create"
            fields={[{ name: "name", label: "Name" }]}
            send={(v) => api.post(url, v)}
          />
        </div>
      </div>
      {(!can.edit || !can.delete) && (
        <p className="mb-3 flex flex-wrap gap-4">
          {!can.edit && <MissingPermission code={`${resource}.edit`} label="No Edit buttons: requires" />}
          {!can.delete && <MissingPermission code={`${resource}.delete`} label="No Delete buttons: requires" />}
        </p>
      )}
      <Card>
        <Table>
          <thead>
            <tr>
              {columns.map((c) => (
                <Th key={c.key} className={c.align === "right" ? "text-right" : undefined}>
                  {c.label}
                </Th>
              ))}
              <Th className="w-40">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <Tr key={r.id}>
                {columns.map((c, i) => {
                  const v = r[c.key]!;
                  const shown =
                    typeof v === "number" ? (
                      isMoney.has(c.key) ? (
                        money(v)
                      ) : (
                        number(v)
                      )
                    ) : c.key === "status" || c.key === "type" ? (
                      <StatusBadge value={v} />
                    ) : (
                      v
                    );
                  return (
                    <Td
                      key={c.key}
                      className={`${c.align === "right" ? "text-right tabular-nums" : ""} ${i === 0 ? "font-medium text-slate-900" : ""}`}
                    >
                      {shown}
                    </Td>
                  );
                })}
                <Td className="text-right">
                  <span className="inline-flex gap-1">
                    <GatedAction
                      code={`${resource}.edit`}
                      label="Edit"
                      icon={Pencil}
                      variant="ghost"
                      hide
                      run={() => api.patch(`${url}/${r.id}`, {})}
                    />
                    <GatedAction
                      code={`${resource}.delete`}
                      label="Delete"
                      icon={Trash2}
                      variant="ghost"
                      hide
                      confirm={{
                        title: `Delete this ${noun}?`,
                        description: "Demo: nothing is deleted.",
                        confirmLabel: "Delete",
                      }}
                      run={() => api.delete(`${url}/${r.id}`)}
                    />
                  </span>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      </Card>
      <PagePermissions
        items={ACTIONS.map((a) => ({
          code: `${resource}.${a}`,
          what: `${a[0]!.toUpperCase()}${a.slice(1)} ${name.toLowerCase()}`,
        }))}
      />
    </>
  );
}
