import "server-only";
import { cookies, headers } from "next/headers";
import { ApiError } from "@/lib/errors";
import { auth } from "./index";
import { mfaKeys, readStepUp, STEP_UP_COOKIE, STEP_UP_TTL_MS, signStepUp } from "./mfa";
import type { Principal } from "./principal";

/**
 * The MFA step-up of a session (docs/design.md §3.2): a permission that requires MFA needs a second
 * factor verified by this session within the last 15 minutes.
 *
 * Where "verified at" lives: a signed httpOnly cookie (`gh_mfa`, see lib/auth/mfa.ts) holding the
 * user id, the session version and the time, MACed with a key derived from AUTH_SECRET. It needs
 * no table and no sticky sessions (every instance shares AUTH_SECRET), it dies with the session
 * version (sign out everywhere, disabled user) and after 15 minutes, and it is worth nothing to
 * another user or without the session cookie it rides with.
 */

async function sessionVersionOf(userId: string): Promise<number | null> {
  const session = await auth();
  if (session?.user?.id !== userId) return null;
  return session.sessionVersion ?? null;
}

async function isSecure(): Promise<boolean> {
  const h = await headers();
  return (
    (h.get("x-forwarded-proto") ?? "").split(",")[0]?.trim() === "https" ||
    process.env.AUTH_URL?.startsWith("https:") === true
  );
}

/** Marks this session as having verified a second factor now. */
export async function markStepUpVerified(
  userId: string,
  now = Date.now(),
): Promise<{ verified_at: string; verified_until: string }> {
  const sessionVersion = await sessionVersionOf(userId);
  if (sessionVersion === null) throw ApiError.unauthorized("Your session has ended. Sign in again.");
  (await cookies()).set(STEP_UP_COOKIE, signStepUp({ userId, sessionVersion, verifiedAt: now }, mfaKeys().stepUp), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: await isSecure(),
    maxAge: STEP_UP_TTL_MS / 1000,
  });
  return { verified_at: new Date(now).toISOString(), verified_until: new Date(now + STEP_UP_TTL_MS).toISOString() };
}

/** Forgets this session's verification (the second factor was turned off). */
export async function clearStepUp() {
  (await cookies()).delete(STEP_UP_COOKIE);
}

/**
 * When this request's session verified a second factor within the last 15 minutes (null if it
 * did not, or if the user has no second factor any more). Reads the cookie of the request.
 */
export async function stepUpVerifiedAt(principal: Principal, now = Date.now()): Promise<number | null> {
  if (principal.kind !== "user" || !principal.viewer.user.totpEnabled) return null;
  const value = (await cookies()).get(STEP_UP_COOKIE)?.value;
  if (!value) return null;
  const sessionVersion = await sessionVersionOf(principal.userId);
  if (sessionVersion === null) return null;
  return readStepUp(value, mfaKeys().stepUp, { userId: principal.userId, sessionVersion, now });
}

/** The 403 an MFA-protected action answers without a recent verification. */
export function mfaRequired(principal: Principal, code: string): ApiError {
  const enrolled = principal.kind === "user" && principal.viewer.user.totpEnabled;
  return ApiError.forbidden(
    enrolled
      ? `${code} is protected by two-factor authentication: confirm a code from your authenticator app (valid 15 minutes).`
      : `${code} is protected by two-factor authentication, and your account has none yet: set it up under Security & MFA.`,
    { code: "mfa_required", mfa_required: true, mfa_enrolled: enrolled, permission: code },
  );
}
