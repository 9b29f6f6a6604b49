"use client";
import { Filter, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { actionName } from "./action-names";
import {
  type AuditFilters,
  auditHref,
  datePreset,
  hasFilters,
  KNOWN_ACTIONS,
  NO_FILTERS,
  TARGET_TYPES,
} from "./filters";

export interface ActorOption {
  id: string;
  label: string;
}
export interface TargetOption {
  id: string;
  type: string;
  name: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The readable names of the actions, alphabetically: what the Action list offers. */
const ACTIONS = [...KNOWN_ACTIONS].sort((a, b) => actionName(a).localeCompare(actionName(b)));

/** The one option a typed text names: the exact label, else the only label containing it. */
function pick<T>(options: T[], text: string, label: (o: T) => string): T | undefined {
  const t = text.trim().toLowerCase();
  const exact = options.find((o) => label(o).toLowerCase() === t);
  if (exact) return exact;
  const some = options.filter((o) => label(o).toLowerCase().includes(t));
  return some.length === 1 ? some[0] : undefined;
}

/** The viewer's time zone: dates in the filter are their days (the log stores UTC). */
const viewerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/**
 * The filters live in the URL: applying one navigates, the server page seeds that query, and a
 * link or a reload shows the same entries. People pick names (an action's, an actor's, a
 * target's) and days in their own time zone; the URL keeps the ids, codes and the zone.
 */
export function AuditFilterForm({
  filters,
  actors,
  targets,
}: {
  filters: AuditFilters;
  actors: ActorOption[];
  targets: TargetOption[];
}) {
  const router = useRouter();
  const [f, setF] = useState(filters);
  const actorLabel = actors.find((a) => a.id === filters.actor)?.label ?? filters.actor;
  const targetLabel = targets.find((t) => t.id === filters.target_id)?.name ?? filters.target_id;
  const [actorText, setActorText] = useState(actorLabel);
  const [targetText, setTargetText] = useState(targetLabel);
  const [errors, setErrors] = useState<Partial<Record<"actor" | "target" | "from", string>>>({});
  // The server renders in its own zone; the viewer's is known once the page runs in their browser.
  const [zone, setZone] = useState(filters.tz || "UTC");
  useEffect(() => {
    if (!filters.tz) setZone(viewerZone());
  }, [filters.tz]);
  const set = (k: keyof AuditFilters) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    setF((prev) => ({ ...prev, [k]: e.target.value }));
    setErrors({});
  };
  const go = (next: AuditFilters) => router.push(auditHref({ ...next, tz: next.from || next.to ? zone : "" }));
  const apply = (event: React.FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    let actor = "";
    if (actorText.trim()) {
      if (actorText === actorLabel) actor = filters.actor;
      else {
        const a = pick(actors, actorText, (o) => o.label);
        if (a) actor = a.id;
        else found.actor = `No one matches “${actorText.trim()}”: pick a name from the list.`;
      }
    }
    let target = { type: f.target_type, id: "" };
    if (targetText.trim()) {
      if (targetText === targetLabel) target.id = filters.target_id;
      else if (UUID.test(targetText.trim())) target.id = targetText.trim();
      else {
        const pool = targets.filter((t) => !f.target_type || t.type === f.target_type);
        const t = pick(pool, targetText, (o) => o.name);
        if (t) target = { type: t.type, id: t.id };
        else found.target = `Nothing${f.target_type ? ` of this type` : ""} is called “${targetText.trim()}”.`;
      }
    }
    if (f.from && f.to && f.from > f.to) found.from = "The start date is after the end date.";
    setErrors(found);
    if (Object.keys(found).length) return;
    go({ ...f, actor, target_type: target.type, target_id: target.id });
  };
  const preset = (p: "today" | "yesterday" | "week") => {
    const days = datePreset(p, zone);
    setF((prev) => ({ ...prev, ...days }));
    setErrors({});
  };
  const clear = () => {
    setF(NO_FILTERS);
    setActorText("");
    setTargetText("");
    router.push(auditHref(NO_FILTERS));
  };
  return (
    <form
      onSubmit={apply}
      noValidate
      className="grid gap-4 p-5 sm:grid-cols-2 xl:grid-cols-4"
      aria-label="Filter the audit log"
    >
      <Field id="audit-action" label="Action">
        <Select id="audit-action" value={f.action} onChange={set("action")}>
          <option value="">Any action</option>
          {!ACTIONS.some((a) => a === f.action) && f.action && <option value={f.action}>{f.action}</option>}
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {actionName(a)}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="audit-actor" label="Actor" error={errors.actor} hint="Type a name or an email">
        <Input
          id="audit-actor"
          type="search"
          list="audit-actors"
          value={actorText}
          onChange={(e) => {
            setActorText(e.target.value);
            setErrors({});
          }}
          placeholder="Anyone"
          autoComplete="off"
          aria-invalid={errors.actor ? true : undefined}
          aria-describedby={errors.actor ? "audit-actor-error" : "audit-actor-hint"}
        />
        <datalist id="audit-actors">
          {actors.map((a) => (
            <option key={a.id} value={a.label} />
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
      <Field id="audit-target" label="Target" error={errors.target} hint="A role’s, user’s or API key’s name">
        <Input
          id="audit-target"
          type="search"
          list="audit-targets"
          value={targetText}
          onChange={(e) => {
            setTargetText(e.target.value);
            setErrors({});
          }}
          placeholder="Anything"
          autoComplete="off"
          aria-invalid={errors.target ? true : undefined}
          aria-describedby={errors.target ? "audit-target-error" : "audit-target-hint"}
        />
        <datalist id="audit-targets">
          {targets
            .filter((t) => !f.target_type || t.type === f.target_type)
            .map((t) => (
              <option key={t.id} value={t.name} label={t.type.replace("_", " ")} />
            ))}
        </datalist>
      </Field>
      <fieldset className="grid gap-4 sm:col-span-2 sm:grid-cols-2">
        <legend className="mb-1.5 text-sm font-medium text-slate-700">
          Dates <span className="font-normal text-slate-500">(days in {zone.replaceAll("_", " ")})</span>
        </legend>
        <div className="flex flex-wrap gap-2 sm:col-span-2" role="group" aria-label="Date presets">
          <Button type="button" size="sm" variant="secondary" onClick={() => preset("today")}>
            Today
          </Button>
          <Button type="button" size="sm" variant="secondary" onClick={() => preset("yesterday")}>
            Yesterday
          </Button>
          <Button type="button" size="sm" variant="secondary" onClick={() => preset("week")}>
            Last 7 days
          </Button>
        </div>
        <Field id="audit-from" label="From" error={errors.from}>
          <Input
            id="audit-from"
            type="date"
            value={f.from}
            onChange={set("from")}
            aria-invalid={errors.from ? true : undefined}
            aria-describedby={errors.from ? "audit-from-error" : undefined}
          />
        </Field>
        <Field id="audit-to" label="To (inclusive)">
          <Input id="audit-to" type="date" value={f.to} onChange={set("to")} />
        </Field>
      </fieldset>
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
