"use client";
import { ArrowDownRight, ArrowUpRight, Check, Pencil, Plus, X } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import type { ApiProblem } from "@/lib/query/api";
import { type CatalogPermission, usePermissionDependencies, useSetDependencies } from "@/lib/query/catalog";
import { CodePicker } from "./code-picker";

/**
 * What a permission depends on (a grant of it counts only with these) and what depends on it;
 * the depends_on set can be edited where the permission is editable. A cycle is the API's to
 * refuse (422): its message is shown as is, naming the loop.
 */
export function DependenciesEditor({
  permission,
  editable,
  candidates,
  onOpenCode,
}: {
  permission: CatalogPermission;
  editable: boolean;
  candidates: { code: string; name: string }[];
  onOpenCode: (code: string) => void;
}) {
  const deps = usePermissionDependencies(permission.code);
  const [editing, setEditing] = useState<string[] | null>(null);
  const [adding, setAdding] = useState("");
  const [error, setError] = useState<ApiProblem | string | null>(null);
  const save = useSetDependencies({
    onSaved: () => {
      setEditing(null);
      setError(null);
    },
    onError: setError,
  });

  if (deps.isPending)
    return (
      <div className="space-y-2">
        <Skeleton className="h-5 w-40" />
        <Skeleton className="h-8 w-full" />
      </div>
    );
  if (deps.isError)
    return (
      <p role="alert" className="text-sm text-red-700">
        Could not load the dependencies: {deps.error.message}
      </p>
    );
  const data = deps.data;

  const add = () => {
    const code = adding.trim();
    if (!code || !editing) return;
    if (editing.includes(code)) return setError(`${code} is already listed.`);
    // Whether the code exists is the API's to say when saving (this page's copy of the catalog may be older).
    setEditing([...editing, code]);
    setAdding("");
    setError(null);
  };
  const message = typeof error === "string" ? error : error ? (error.body.detail ?? error.message) : null;

  return (
    <div className="space-y-4">
      <section aria-labelledby="deps-on">
        <div className="mb-2 flex items-center justify-between">
          <h4
            id="deps-on"
            className="flex items-center gap-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500"
          >
            <ArrowDownRight className="size-3.5" aria-hidden />
            Depends on
          </h4>
          {editable && !editing && (
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                setEditing(data.depends_on.map((d) => d.code));
                setError(null);
              }}
            >
              <Pencil className="size-3.5" aria-hidden />
              Edit dependencies
            </Button>
          )}
        </div>
        {editing ? (
          <div className="space-y-3 rounded-lg border border-brand-100 bg-brand-50/40 p-3">
            {editing.length === 0 && (
              <p className="text-sm text-slate-500">No dependencies: a grant of it counts on its own.</p>
            )}
            <ul className="flex flex-wrap gap-1.5" aria-label="Dependencies being edited">
              {editing.map((code) => (
                <li
                  key={code}
                  className="inline-flex items-center gap-1 rounded-md bg-white py-0.5 pl-2 pr-1 font-mono text-xs text-slate-800 ring-1 ring-slate-200"
                >
                  {code}
                  <button
                    type="button"
                    aria-label={`Remove dependency ${code}`}
                    onClick={() => setEditing(editing.filter((c) => c !== code))}
                    className="rounded p-0.5 text-slate-400 hover:bg-slate-100 hover:text-red-600"
                  >
                    <X className="size-3" aria-hidden />
                  </button>
                </li>
              ))}
            </ul>
            <div className="flex gap-2">
              <div className="flex-1">
                <CodePicker
                  id={`add-dep-${permission.id}`}
                  label="Add a dependency"
                  placeholder="Add a dependency by code…"
                  value={adding}
                  onChange={setAdding}
                  onEnter={add}
                  options={candidates.filter((c) => !editing.includes(c.code))}
                  invalid={!!message}
                  describedBy={message ? "deps-error" : undefined}
                />
              </div>
              <Button type="button" variant="secondary" onClick={add} disabled={!adding}>
                <Plus className="size-4" aria-hidden />
                Add
              </Button>
            </div>
            {message && (
              <p
                id="deps-error"
                role="alert"
                className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
              >
                {message}
              </p>
            )}
            <div className="flex justify-end gap-2">
              <Button
                size="sm"
                variant="secondary"
                onClick={() => {
                  setEditing(null);
                  setError(null);
                  setAdding("");
                }}
                disabled={save.isPending}
              >
                Cancel
              </Button>
              <Button size="sm" onClick={() => save.mutate({ permission, codes: editing })} disabled={save.isPending}>
                {save.isPending ? "Saving…" : "Save dependencies"}
              </Button>
            </div>
          </div>
        ) : (
          <CodeList items={data.depends_on} empty="None: a grant of it counts on its own." onOpenCode={onOpenCode} />
        )}
      </section>
      <section aria-labelledby="deps-by">
        <h4
          id="deps-by"
          className="mb-2 flex items-center gap-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500"
        >
          <ArrowUpRight className="size-3.5" aria-hidden />
          Required by
        </h4>
        <CodeList items={data.required_by} empty="Nothing depends on it." onOpenCode={onOpenCode} />
      </section>
    </div>
  );
}

function CodeList({
  items,
  empty,
  onOpenCode,
}: {
  items: { code: string; name: string; is_granted: boolean }[];
  empty: string;
  onOpenCode: (code: string) => void;
}) {
  if (!items.length) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200">
      {items.map((d) => (
        <li key={d.code} className="flex items-center gap-2 px-3 py-2 text-sm">
          <button type="button" onClick={() => onOpenCode(d.code)} className="min-w-0 flex-1 text-left hover:underline">
            <code className="font-mono text-[13px] text-slate-900">{d.code}</code>
            <span className="ml-2 text-xs text-slate-500">{d.name}</span>
          </button>
          {d.is_granted ? (
            <span className="inline-flex items-center gap-1 text-xs text-emerald-700">
              <Check className="size-3.5" aria-hidden />
              you hold it
            </span>
          ) : (
            <span className="text-xs text-slate-400">you don’t hold it</span>
          )}
        </li>
      ))}
    </ul>
  );
}
