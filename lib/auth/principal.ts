/**
 * Who is calling, as every layer sees it. A leaf: it imports nothing of the application but the
 * error type, so the wrapper, the gate, the services and the pages can all name a Principal.
 */

import { ApiError } from "@/lib/errors";
import type { ApiKeyScope } from "@/lib/validation/api-keys";

/** The signed-in user of a request, with their active tenant (lib/auth/viewer.ts loads it). */
export interface Viewer {
  user: { id: string; email: string; name: string; isSuperAdmin: boolean; totpEnabled: boolean };
  tenant: {
    id: string;
    name: string;
    slug: string;
    planId: string | null;
    planName: string | null;
    planCode: string | null;
  } | null;
  tenants: { id: string; name: string; slug: string }[];
  /** The server-side session this request came with (db/schema/sessions.ts); absent outside a request. */
  sessionId?: string;
}

/** An API key, verified (lib/auth/api-keys.ts). */
export interface ApiKeyPrincipal {
  id: string;
  tenantId: string;
  name: string;
  scopes: ApiKeyScope[];
  /** The user who created the key: its grants are bounded by that user's effective set (null: deleted). */
  createdBy: string | null;
}

/** Who is calling: a signed-in user (cookie) or an external app (API key), never both. */
export type Principal =
  | { kind: "user"; userId: string; tenantId: string | null; isSuperAdmin: boolean; label: string; viewer: Viewer }
  | { kind: "api_key"; userId: null; tenantId: string; isSuperAdmin: false; label: string; apiKey: ApiKeyPrincipal };

/** The tenant the caller acts in; a signed-in user with no tenant is refused. */
export function tenantOf(principal: Principal): string {
  if (!principal.tenantId) throw ApiError.forbidden("You are not a member of any tenant.");
  return principal.tenantId;
}

/** The principal of a signed-in viewer, as the route wrapper builds it (server components use it too). */
export function userPrincipal(viewer: Viewer): Principal {
  return {
    kind: "user",
    userId: viewer.user.id,
    tenantId: viewer.tenant?.id ?? null,
    isSuperAdmin: viewer.user.isSuperAdmin,
    label: viewer.user.email,
    viewer,
  };
}
