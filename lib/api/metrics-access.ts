import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { getViewer } from "@/lib/auth/session";
import { ApiError } from "@/lib/errors";

/**
 * Metrics describe the whole platform (every tenant's traffic), so they are for a scraper holding
 * METRICS_TOKEN or a signed-in platform super-admin. A bearer token decides alone, as on /api/v1.
 */
export async function requireMetricsAccess(request: Request): Promise<void> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    const expected = process.env.METRICS_TOKEN;
    if (!token || !expected || !sameSecret(token, expected))
      throw ApiError.unauthorized("The metrics token is missing or wrong.");
    return;
  }
  const viewer = await getViewer();
  if (!viewer) throw ApiError.unauthorized("Sign in as a platform super-admin or send the metrics token.");
  if (!viewer.user.isSuperAdmin) throw ApiError.forbidden("Metrics are for platform super-admins.");
}

/** Constant time whatever the lengths: compares digests. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
