import { currentPermVersion } from "@/db/queries/perm-version";
import { route } from "@/lib/api/route";
import { verifyApiKey } from "@/lib/auth/api-keys";
import { authorize } from "@/lib/auth/authorize";
import { permHub } from "@/lib/live/hub";
import { SSE_HEADERS } from "@/lib/live/sse";
import { syncStream } from "@/lib/live/sync-stream";
import { syncTenant } from "@/lib/services/sync";
import { eventStream, SyncChangeEvent, SyncVersionEvent } from "@/lib/validation/responses";
import { syncStreamQuery } from "@/lib/validation/sync";

// Long-lived, on Node (where LISTEN is), never prerendered or cached.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Server-Sent Events for the client SDK (docs/sdk.md): `ready` or `reset` first, then `change`
 * for each version, a comment heartbeat every second. API keys only; the key and its creator's
 * authority are checked again on every event and heartbeat, so a revoked key's stream ends
 * within a second.
 */
export const GET = route(
  {
    responses: [
      eventStream(
        { ready: SyncVersionEvent, reset: SyncVersionEvent, change: SyncChangeEvent },
        "Server-Sent Events: `event: ready` (current up to `perm_version`) or `event: reset` (drop what you hold) first, then `event: change` with `{perm_version, policy, user_ids?, all_users?}` for each version in order; a comment heartbeat every second",
      ),
    ],
    scope: "check",
    permission: "gatehouse.users.view",
    query: syncStreamQuery,
  },
  async ({ ctx: { principal, db }, query, request }) => {
    const tenantId = syncTenant(principal);
    const secret = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
    const hub = await permHub();
    const body = syncStream({
      tenantId,
      from: query.from,
      subscribe: (t, listener) => hub.subscribe(t, listener),
      history: (t) => hub.historyOf(t),
      baseline: (t, v) => hub.baseline(t, v),
      readVersion: (t) => currentPermVersion(db, t),
      // Still the same live key (not revoked, not expired), and its creator still holds the permission.
      stillAllowed: async () => {
        const apiKey = await verifyApiKey(secret);
        if (apiKey === null || principal.kind !== "api_key" || apiKey.id !== principal.apiKey.id) return false;
        await authorize({ ...principal, apiKey }, "gatehouse.users.view");
        return true;
      },
      signal: request.signal,
    });
    return new Response(body, { headers: SSE_HEADERS });
  },
);
