import "server-only";
import type { DbOrTx } from "@/db/client";
import { findUserById, tenantsOfUser } from "@/db/queries/users";
import { liveSessions } from "./live-sessions";
import type { Viewer } from "./principal";

export type { Viewer } from "./principal";

/**
 * Who a session's token stands for, loaded fresh: a disabled user or a token of an older session
 * version is nobody; the active tenant is `wantedTenantId` when the user may act there, else the
 * first tenant they may act in.
 */
export async function resolveViewer(
  db: DbOrTx,
  token: { userId: string; sessionVersion: number | undefined },
  wantedTenantId: string | undefined,
): Promise<Viewer | null> {
  const user = await findUserById(db, token.userId);
  if (!user || user.status !== "active" || token.sessionVersion !== user.sessionVersion) return null;
  const tenants = await tenantsOfUser(db, user);
  const tenant = tenants.find((t) => t.id === wantedTenantId) ?? tenants[0] ?? null;
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      isSuperAdmin: user.isSuperAdmin,
      totpEnabled: !!user.totpEnabledAt,
    },
    tenant: tenant && {
      id: tenant.id,
      name: tenant.name,
      slug: tenant.slug,
      planId: tenant.planId,
      planName: tenant.planName,
      planCode: tenant.planCode,
    },
    tenants: tenants.map(({ id, name, slug }) => ({ id, name, slug })),
  };
}

/** What a session's JWT says: the user, their session version and the server-side session row. */
export interface SessionToken {
  userId: string;
  sessionVersion: number | undefined;
  sessionId: string | undefined;
}

/**
 * The viewer of a session cookie, as every authenticated request asks it (pages through
 * `getViewer`, API routes through `route()`, the event stream between events): nobody unless the
 * session row is live (not signed out, not ended by "sign out everywhere" or an admin, not expired;
 * a token from before sessions were recorded has none), then `resolveViewer`.
 */
export async function viewerOfSession(
  db: DbOrTx,
  token: SessionToken,
  wantedTenantId: string | undefined,
): Promise<Viewer | null> {
  if (!token.sessionId || !(await (await liveSessions()).isLive(token.sessionId, token.userId))) return null;
  const viewer = await resolveViewer(db, token, wantedTenantId);
  return viewer && { ...viewer, sessionId: token.sessionId };
}
