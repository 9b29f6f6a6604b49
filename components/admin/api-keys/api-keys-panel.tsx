"use client";
import { Plug, Plus } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState, ErrorState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { TimeAgo } from "@/components/ui/time-ago";
import { Tooltip } from "@/components/ui/tooltip";
import type { GatehouseCode } from "@/lib/permissions/gatehouse-codes";
import { type ApiKey, type CreatedApiKey, useApiKeys, useRevokeApiKey } from "@/lib/query/api-keys";
import { problemDetail } from "@/lib/query/hooks";
import { cn } from "@/lib/utils";
import { CreateKeyDialog } from "./create-key-dialog";
import { SCOPE_INFO } from "./scopes";
import { SecretDialog } from "./secret-dialog";

const MANAGE = `Requires the permission ${"gatehouse.api_keys.manage" satisfies GatehouseCode}.`;

export function ApiKeysPanel({ canManage }: { canManage: boolean }) {
  const q = useApiKeys();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [showRevoked, setShowRevoked] = useState(false);
  const revoke = useRevokeApiKey({
    success: (_, key) => `Key “${key.name}” revoked: it stops working at once`,
    onSuccess: () => setRevoking(null),
  });

  const keys = q.data?.data ?? [];
  const active = keys.filter((k) => !k.revoked_at);
  const revoked = keys.filter((k) => k.revoked_at);
  const shown = showRevoked ? keys : active;
  const createButton = (
    <Button onClick={() => setCreating(true)} disabled={!canManage}>
      <Plus className="size-4" aria-hidden />
      Create API key
    </Button>
  );

  return (
    <>
      <Card>
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-5 py-3">
          <p className="text-sm text-slate-600">
            {q.isSuccess ? (
              <>
                <span className="font-semibold text-slate-900">{active.length}</span> active{" "}
                {active.length === 1 ? "key" : "keys"}
                {revoked.length > 0 && <> · {revoked.length} revoked</>}
              </>
            ) : (
              "\u00a0"
            )}
          </p>
          <div className="flex items-center gap-3">
            {revoked.length > 0 && (
              <label className="flex items-center gap-2 text-sm text-slate-600">
                <input
                  type="checkbox"
                  className="size-4 accent-brand-600"
                  checked={showRevoked}
                  onChange={(e) => setShowRevoked(e.target.checked)}
                />
                Show revoked
              </label>
            )}
            {canManage ? (
              createButton
            ) : (
              <Tooltip content={MANAGE}>
                <span tabIndex={0}>{createButton}</span>
              </Tooltip>
            )}
          </div>
        </div>
        {q.isPending ? (
          <div className="space-y-2 p-5" aria-busy="true">
            {Array.from({ length: 3 }, (_, i) => (
              <Skeleton key={i} className="h-10 w-full" />
            ))}
          </div>
        ) : q.isError ? (
          <ErrorState
            title="Could not load the API keys"
            detail={problemDetail(q.error)}
            onRetry={() => void q.refetch()}
          />
        ) : shown.length === 0 ? (
          <EmptyState
            icon={Plug}
            title="No API keys yet"
            description="An API key lets an external app check permissions (scope check), read (read) or change (write) this tenant’s access rules over HTTP."
            action={
              canManage ? (
                <Button variant="secondary" onClick={() => setCreating(true)}>
                  Create the first key
                </Button>
              ) : undefined
            }
          />
        ) : (
          <Table>
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Key</Th>
                <Th>Scopes</Th>
                <Th>Created</Th>
                <Th title="Recorded within 30 seconds of a request">Last used</Th>
                <Th>Expires</Th>
                <Th>Status</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {shown.map((k) => (
                <Tr key={k.id} className={cn(k.revoked_at && "opacity-60")} data-testid="api-key-row">
                  <Td className="font-medium text-slate-900">{k.name}</Td>
                  <Td>
                    <code className="font-mono text-xs">{k.prefix}_…</code>
                  </Td>
                  <Td>
                    <div className="flex flex-wrap gap-1">
                      {k.scopes.map((s) => (
                        <Tooltip key={s} content={SCOPE_INFO[s as keyof typeof SCOPE_INFO]?.hint}>
                          <Badge tone={s === "write" ? "amber" : "slate"} tabIndex={0}>
                            {s}
                          </Badge>
                        </Tooltip>
                      ))}
                    </div>
                  </Td>
                  <Td>
                    <TimeAgo iso={k.created_at} />
                  </Td>
                  <Td>
                    {k.last_used_at ? <TimeAgo iso={k.last_used_at} /> : <span className="text-slate-400">Never</span>}
                  </Td>
                  <Td>
                    {k.expires_at ? <TimeAgo iso={k.expires_at} /> : <span className="text-slate-500">Never</span>}
                  </Td>
                  <Td>
                    {k.revoked_at ? (
                      <Badge tone="red">
                        Revoked <TimeAgo iso={k.revoked_at} />
                      </Badge>
                    ) : k.expires_at && Date.parse(k.expires_at) <= Date.now() ? (
                      <Badge tone="red">Expired</Badge>
                    ) : (
                      <Badge tone="green">Active</Badge>
                    )}
                  </Td>
                  <Td className="text-right">
                    {!k.revoked_at && canManage && (
                      <Button
                        variant="ghost"
                        size="sm"
                        className="text-red-700 hover:bg-red-50"
                        onClick={() => setRevoking(k)}
                        aria-label={`Revoke ${k.name}`}
                      >
                        Revoke
                      </Button>
                    )}
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      <CreateKeyDialog open={creating} onOpenChange={setCreating} onCreated={setCreated} />
      <SecretDialog created={created} onClose={() => setCreated(null)} />
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(o) => !o && setRevoking(null)}
        title={`Revoke “${revoking?.name ?? ""}”?`}
        description={
          <>
            Apps using <code className="font-mono">{revoking?.prefix}_…</code> get 401 from their next request. This
            cannot be undone: a new key would have a new secret.
          </>
        }
        confirmLabel="Revoke key"
        busy={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking)}
      />
    </>
  );
}
