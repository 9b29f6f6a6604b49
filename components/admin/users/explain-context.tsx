"use client";
import { Plus, Trash2 } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

interface Field {
  name: string;
  value: string;
}
interface Draft {
  owned: boolean;
  team: string;
  department: string;
  fields: Field[];
}
const EMPTY: Draft = { owned: false, team: "", department: "", fields: [] };

/** A typed value: numbers and true/false as such (conditions compare them), the rest as text. */
function typedValue(text: string): unknown {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (t === "true" || t === "false") return t === "true";
  return t;
}

/** The check API's context (DESIGN §3.6) for a draft: the resource and the top-level fields. */
export function contextOf(d: Draft, userId: string): Record<string, unknown> {
  const resource: Record<string, string> = {};
  if (d.owned) resource.owner_id = userId;
  if (d.team.trim()) resource.team_id = d.team.trim();
  if (d.department.trim()) resource.department_id = d.department.trim();
  const out: Record<string, unknown> = Object.keys(resource).length ? { resource } : {};
  for (const f of d.fields) if (f.name.trim()) out[f.name.trim()] = typedValue(f.value);
  return out;
}

/** In words: "a resource owned by Quinn, in team …, where amount = 50". */
export function contextSentence(context: Record<string, unknown>, userName: string): string {
  const r = (context.resource ?? {}) as Record<string, string>;
  const parts = [
    r.owner_id ? `owned by ${userName}` : null,
    r.team_id ? `of team ${r.team_id}` : null,
    r.department_id ? `of department ${r.department_id}` : null,
  ].filter(Boolean);
  const fields = Object.entries(context)
    .filter(([k]) => k !== "resource")
    .map(([k, v]) => `${k} = ${JSON.stringify(v)}`);
  const what = parts.length ? `a resource ${parts.join(", ")}` : "a resource with no owner, team or department";
  return fields.length ? `${what}, where ${fields.join(" and ")}` : what;
}

/**
 * "Why?" with a resource in hand: who owns it, its team and department, and the fields conditions
 * look at. Applying sends it as the explanation's context, so scoped and conditioned grants are
 * decided as the check API would with the same context; clearing asks "could they ever?" again.
 */
export function ExplainContextForm({
  userId,
  userName,
  applied,
  onApply,
}: {
  userId: string;
  userName: string;
  applied: boolean;
  onApply: (context: Record<string, unknown> | undefined) => void;
}) {
  const [d, setD] = useState<Draft>(EMPTY);
  const id = useId();
  const setField = (i: number, patch: Partial<Field>) =>
    setD((x) => ({ ...x, fields: x.fields.map((f, j) => (j === i ? { ...f, ...patch } : f)) }));
  return (
    <form
      noValidate
      aria-label="Resource context"
      className="space-y-3 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(contextOf(d, userId));
      }}
    >
      <p className="text-sm text-slate-600">
        Decide for a specific resource: scoped and conditioned grants are then checked against it.
      </p>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input
          type="checkbox"
          className="size-4 accent-brand-600"
          checked={d.owned}
          onChange={(e) => setD({ ...d, owned: e.target.checked })}
        />
        The resource belongs to {userName}
      </label>
      <div className="grid grid-cols-2 gap-2">
        <label className="text-xs font-medium text-slate-600" htmlFor={`${id}-team`}>
          Team id
          <Input id={`${id}-team`} value={d.team} onChange={(e) => setD({ ...d, team: e.target.value })} />
        </label>
        <label className="text-xs font-medium text-slate-600" htmlFor={`${id}-dept`}>
          Department id
          <Input id={`${id}-dept`} value={d.department} onChange={(e) => setD({ ...d, department: e.target.value })} />
        </label>
      </div>
      {d.fields.map((f, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
        <div key={i} className="flex items-end gap-2">
          <label className="flex-1 text-xs font-medium text-slate-600" htmlFor={`${id}-f${i}`}>
            Field
            <Input
              id={`${id}-f${i}`}
              value={f.name}
              placeholder="amount"
              onChange={(e) => setField(i, { name: e.target.value })}
            />
          </label>
          <label className="flex-1 text-xs font-medium text-slate-600" htmlFor={`${id}-v${i}`}>
            Value
            <Input
              id={`${id}-v${i}`}
              value={f.value}
              placeholder="50"
              onChange={(e) => setField(i, { value: e.target.value })}
            />
          </label>
          <Button
            type="button"
            size="sm"
            variant="ghost"
            aria-label={`Remove field ${f.name || i + 1}`}
            onClick={() => setD({ ...d, fields: d.fields.filter((_, j) => j !== i) })}
          >
            <Trash2 className="size-3.5" aria-hidden />
          </Button>
        </div>
      ))}
      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          size="sm"
          variant="secondary"
          onClick={() => setD({ ...d, fields: [...d.fields, { name: "", value: "" }] })}
        >
          <Plus className="size-3.5" aria-hidden />
          Add a field
        </Button>
        <Button type="submit" size="sm">
          Decide for this resource
        </Button>
        {applied && (
          <Button
            type="button"
            size="sm"
            variant="ghost"
            onClick={() => {
              setD(EMPTY);
              onApply(undefined);
            }}
          >
            Clear: could they ever?
          </Button>
        )}
      </div>
    </form>
  );
}
