import { currentPermVersion } from "@/db/queries/perm-version";
import { route } from "@/lib/api/route";
import { auth } from "@/lib/auth";
import { viewerOfSession } from "@/lib/auth/viewer";
import { ApiError } from "@/lib/errors";
import { permHub } from "@/lib/live/hub";
import { permStream, SSE_HEADERS } from "@/lib/live/sse";
import { eventStream, PermissionsEvent } from "@/lib/validation/responses";

// A long-lived response: never prerendered or cached, and on Node (LISTEN lives there).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Server-Sent Events: `event: permissions` with `{perm_version, tenant_id}` at once and whenever
 * the caller's active tenant's perm_version rises; a comment heartbeat every 25 s (HEARTBEAT_MS). Session only.
 */
export const GET = route(
  {
    responses: [
      eventStream(
        { permissions: PermissionsEvent },
        "Server-Sent Events: `event: permissions` with `{perm_version, tenant_id}` at once and whenever the active tenant's perm_version rises; a comment heartbeat in between",
      ),
    ],
    scope: "read",
    permission: null,
    keys: false,
  },
  async ({ ctx: { principal, db }, request }) => {
    if (principal.kind !== "user") throw ApiError.forbidden("This route is for signed-in users.");
    const tenantId = principal.tenantId;
    if (!tenantId) throw ApiError.forbidden("You are not a member of any tenant.");
    const session = await auth();
    const token = {
      userId: principal.userId,
      sessionVersion: session?.sessionVersion,
      sessionId: session?.sessionId,
    };
    const hub = await permHub();
    const body = permStream({
      tenantId,
      subscribe: (t, listener) => hub.subscribe(t, listener),
      readVersion: (t) => currentPermVersion(db, t),
      // Still signed in (session live, same session version, active) and still allowed in this tenant?
      stillAllowed: async () => (await viewerOfSession(db, token, tenantId))?.tenant?.id === tenantId,
      signal: request.signal,
    });
    return new Response(body, { headers: SSE_HEADERS });
  },
);
