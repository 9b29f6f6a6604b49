"use client";
import { Filter, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { type AuditFilters, auditHref, hasFilters, KNOWN_ACTIONS, NO_FILTERS, TARGET_TYPES } from "./filters";

export interface ActorOption {
  id: string;
  label: string;
}

/**
 * The filters live in the URL: applying one navigates, the server page seeds that query, and a
 * link or a reload shows the same entries.
 */
export function AuditFilterForm({ filters, actors }: { filters: AuditFilters; actors: ActorOption[] }) {
  const router = useRouter();
  const [f, setF] = useState(filters);
  const [error, setError] = useState<string | undefined>();
  const set = (k: keyof AuditFilters) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    setF((prev) => ({ ...prev, [k]: e.target.value }));
    setError(undefined);
  };
  const apply = (event: React.FormEvent) => {
    event.preventDefault();
    if (f.from && f.to && f.from > f.to) {
      setError("The start date is after the end date.");
      return;
    }
    router.push(auditHref({ ...f, action: f.action.trim(), target_id: f.target_id.trim() }));
  };
  const clear = () => {
    setF(NO_FILTERS);
    router.push(auditHref(NO_FILTERS));
  };
  return (
    <form onSubmit={apply} className="grid gap-4 p-5 sm:grid-cols-2 xl:grid-cols-4" aria-label="Filter the audit log">
      <Field id="audit-actor" label="Actor">
        <Select id="audit-actor" value={f.actor} onChange={set("actor")}>
          <option value="">Anyone</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="audit-action" label="Action">
        <Input
          id="audit-action"
          list="audit-actions"
          value={f.action}
          onChange={set("action")}
          placeholder="e.g. role.permissions.updated"
          autoComplete="off"
        />
        <datalist id="audit-actions">
          {KNOWN_ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </Field>
      <Field id="audit-target-type" label="Target type">
        <Select id="audit-target-type" value={f.target_type} onChange={set("target_type")}>
          <option value="">Any</option>
          {TARGET_TYPES.map((t) => (
            <option key={t} value={t}>
              {t.replace("_", " ")}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="audit-target-id" label="Target id">
        <Input
          id="audit-target-id"
          value={f.target_id}
          onChange={set("target_id")}
          placeholder="e.g. a role’s UUID"
          autoComplete="off"
          spellCheck={false}
          className="font-mono text-xs"
        />
      </Field>
      <Field id="audit-from" label="From (UTC day)" error={error}>
        <Input
          id="audit-from"
          type="date"
          value={f.from}
          max={f.to || undefined}
          onChange={set("from")}
          aria-invalid={error ? true : undefined}
        />
      </Field>
      <Field id="audit-to" label="To (UTC day, inclusive)">
        <Input id="audit-to" type="date" value={f.to} min={f.from || undefined} onChange={set("to")} />
      </Field>
      <div className="flex items-end gap-2 sm:col-span-2">
        <Button type="submit">
          <Filter className="size-4" aria-hidden />
          Apply filters
        </Button>
        {hasFilters(filters) && (
          <Button type="button" variant="ghost" onClick={clear}>
            <X className="size-4" aria-hidden />
            Clear
          </Button>
        )}
      </div>
    </form>
  );
}
