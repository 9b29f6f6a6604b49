"use client";
import { useMemo } from "react";
import { Card } from "@/components/ui/card";
import { useApiKeys } from "@/lib/query/api-keys";
import { useAudit } from "@/lib/query/audit";
import { useRoles } from "@/lib/query/roles";
import { useUsers } from "@/lib/query/users";
import { AuditEntries } from "./audit-entries";
import { type ActorOption, AuditFilterForm, type TargetOption } from "./audit-filter-form";
import { type AuditFilters, auditApiParams, auditHref } from "./filters";
import { TargetNamesContext } from "./target-names";

export interface ActorSources {
  users: boolean;
  apiKeys: boolean;
  roles?: boolean;
}
/** The lists the page seeds for names (one page of 200 each). */
const NAMES_PARAMS = { limit: 200 } as const;

/** Current roles, users and API keys, for the target column and the target search (entries name most themselves). */
function useTargets(sources: ActorSources): TargetOption[] {
  const users = useUsers(NAMES_PARAMS, { enabled: sources.users });
  const keys = useApiKeys({ enabled: sources.apiKeys });
  const roles = useRoles(NAMES_PARAMS, { enabled: !!sources.roles });
  return useMemo(
    () => [
      ...(roles.data?.data ?? []).map((r) => ({ id: r.id, type: "role", name: r.name })),
      ...(users.data?.data ?? []).map((u) => ({ id: u.id, type: "user", name: u.name })),
      ...(keys.data?.data ?? []).map((k) => ({ id: k.id, type: "api_key", name: k.name })),
    ],
    [users.data, keys.data, roles.data],
  );
}

/**
 * The actor choices: the tenant's members and API keys (when the viewer may list them), and the
 * filtered actor itself when it is neither (a super-admin, a former member).
 */
function useActors(filters: AuditFilters, sources: ActorSources): ActorOption[] {
  const users = useUsers(NAMES_PARAMS, { enabled: sources.users });
  const keys = useApiKeys({ enabled: sources.apiKeys });
  const first = useAudit(auditApiParams(filters));
  const options: ActorOption[] = [
    ...(users.data?.data ?? []).map((u) => ({ id: u.id, label: `${u.name} · ${u.email}` })),
    ...(keys.data?.data ?? []).map((k) => ({ id: k.id, label: `API key ${k.name} (${k.prefix}…)` })),
  ];
  if (filters.actor && !options.some((o) => o.id === filters.actor)) {
    const label = first.data?.data.find((e) => e.actor_id === filters.actor)?.actor;
    options.unshift({ id: filters.actor, label: label ?? filters.actor });
  }
  return options;
}

export function AuditLog({ filters, actorSources }: { filters: AuditFilters; actorSources: ActorSources }) {
  const actors = useActors(filters, actorSources);
  const targets = useTargets(actorSources);
  const names = useMemo(() => new Map(targets.map((t) => [t.id, t.name])), [targets]);
  // A new set of filters starts a new list (and a form showing them).
  const key = auditHref(filters);
  return (
    <div className="space-y-4">
      <Card>
        <AuditFilterForm key={key} filters={filters} actors={actors} targets={targets} />
      </Card>
      {/* Clipped to its rounded corners: the header row's background must not poke past them. */}
      <Card className="overflow-hidden">
        <TargetNamesContext value={names}>
          <AuditEntries key={key} filters={filters} />
        </TargetNamesContext>
      </Card>
    </div>
  );
}
