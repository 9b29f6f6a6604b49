import type { ApiKeyPrincipal } from "@/lib/auth/api-keys";
import type { Viewer } from "@/lib/auth/viewer";
import { ApiError } from "./problem";

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
