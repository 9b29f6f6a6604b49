"use client";
import { useMemo } from "react";
import { Card } from "@/components/ui/card";
import { useApi } from "@/lib/query/hooks";
import type { listApiKeys } from "@/lib/services/api-keys";
import type { listTenantRoles } from "@/lib/services/roles";
import type { listUsers } from "@/lib/services/users";
import { AuditEntries } from "./audit-entries";
import { type ActorOption, AuditFilterForm } from "./audit-filter-form";
import { type AuditFilters, type AuditList, auditApiParams, auditHref } from "./filters";
import { TargetNamesContext } from "./target-names";

export interface ActorSources {
  users: boolean;
  apiKeys: boolean;
  roles?: boolean;
}
type UserList = Awaited<ReturnType<typeof listUsers>>;
type KeyList = Awaited<ReturnType<typeof listApiKeys>>;
type RoleList = Awaited<ReturnType<typeof listTenantRoles>>;

/** Current names of roles, users and API keys by id, for the target column (entries name most themselves). */
function useTargetNames(sources: ActorSources): ReadonlyMap<string, string> {
  const users = useApi<UserList>(sources.users ? "/api/v1/users" : null, { limit: 200 });
  const keys = useApi<KeyList>(sources.apiKeys ? "/api/v1/api-keys" : null);
  const roles = useApi<RoleList>(sources.roles ? "/api/v1/roles" : null, { limit: 200 });
  return useMemo(
    () =>
      new Map<string, string>([
        ...(users.data?.data ?? []).map((u) => [u.id, u.name] as const),
        ...(keys.data?.data ?? []).map((k) => [k.id, k.name] as const),
        ...(roles.data?.data ?? []).map((r) => [r.id, r.name] as const),
      ]),
    [users.data, keys.data, roles.data],
  );
}

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
  const names = useTargetNames(actorSources);
  // A new set of filters starts a new list (and a form showing them).
  const key = auditHref(filters);
  return (
    <div className="space-y-4">
      <Card>
        <AuditFilterForm key={key} filters={filters} actors={actors} />
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
