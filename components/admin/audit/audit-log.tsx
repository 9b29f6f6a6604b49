"use client";
import { Card } from "@/components/ui/card";
import { useApi } from "@/lib/query/hooks";
import type { listApiKeys } from "@/lib/services/api-keys";
import type { listUsers } from "@/lib/services/users";
import { type ActorOption, AuditFilterForm } from "./audit-filter-form";
import { AuditEntries } from "./audit-entries";
import { type AuditFilters, type AuditList, auditApiParams, auditHref } from "./filters";

export interface ActorSources { users: boolean; apiKeys: boolean }
type UserList = Awaited<ReturnType<typeof listUsers>>;
type KeyList = Awaited<ReturnType<typeof listApiKeys>>;

/**
 * The actor choices: the tenant's members and API keys (when the viewer may list them), and the
 * filtered actor itself when it is neither (a super-admin, a former member).
 */
function useActors(filters: AuditFilters, sources: ActorSources): ActorOption[] {
  const users = useApi<UserList>(sources.users ? "/api/v1/users" : null, { limit: 200 });
  const keys = useApi<KeyList>(sources.apiKeys ? "/api/v1/api-keys" : null);
  const first = useApi<AuditList>("/api/v1/audit", auditApiParams(filters));
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
  // A new set of filters starts a new list (and a form showing them).
  const key = auditHref(filters);
  return (
    <div className="space-y-4">
      <Card><AuditFilterForm key={key} filters={filters} actors={actors} /></Card>
      <Card><AuditEntries key={key} filters={filters} /></Card>
    </div>
  );
}
