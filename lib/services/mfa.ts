import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { type RateLimiterAbstract, RateLimiterDrizzle, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { getDatabase } from "@/db";
import type { DbOrTx } from "@/db/client";
import { findUserById } from "@/db/queries/users";
import { mfaRecoveryCodes, mfaTotpState, rateLimits as rateLimitTable, users } from "@/db/schema";
import {
  decryptSecret,
  encryptSecret,
  hashRecoveryCode,
  matchTotp,
  mfaKeys,
  newRecoveryCodes,
  newTotpSecret,
  normalizeRecoveryCode,
  otpauthUri,
  STEP_UP_TTL_MS,
} from "@/lib/auth/mfa";
import type { Principal } from "@/lib/auth/principal";
import { clearStepUp, markStepUpVerified, stepUpVerifiedAt } from "@/lib/auth/step-up";
import { ApiError } from "@/lib/errors";
import { singletonAsync } from "@/lib/singleton";
import type { ServiceContext } from "./context";

/**
 * The second factor of a signed-in user: enrolment (secret → QR → first code → recovery codes),
 * step-up verification, recovery codes and disabling. Every answer here is about the caller only.
 * Where "verified at" lives is lib/auth/step-up.ts's business (a signed cookie).
 */

export interface MfaFactor {
  code?: string;
  recovery_code?: string;
}

type User = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

function userOf(principal: Principal) {
  if (principal.kind !== "user") throw ApiError.forbidden("Two-factor authentication is for signed-in users.");
  return principal;
}

async function loadUser(db: DbOrTx, principal: Principal): Promise<User> {
  const user = await findUserById(db, userOf(principal).userId);
  if (!user) throw ApiError.unauthorized("Your session has ended. Sign in again.");
  return user;
}

// ---------------------------------------------------------------------------------------------
// Brute-force guard: 5 wrong codes per user per 15 minutes (a right one is given back)

const MAX_FAILURES = 5;
function limiter(): Promise<RateLimiterAbstract> {
  return singletonAsync("mfa-limiter", () =>
    getDatabase().then((database) =>
      database.driver === "postgres"
        ? new RateLimiterDrizzle({
            storeClient: database.db,
            schema: rateLimitTable,
            keyPrefix: "mfa",
            points: MAX_FAILURES,
            duration: 15 * 60,
          })
        : new RateLimiterMemory({ keyPrefix: "mfa", points: MAX_FAILURES, duration: 15 * 60 }),
    ),
  );
}

async function attempt<T>(userId: string, check: () => Promise<T | null>): Promise<T> {
  const rl = await limiter();
  try {
    await rl.consume(userId);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw ApiError.tooMany(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
    console.warn("mfa: rate limiter store failed; the attempt passes unlimited", error);
  }
  const result = await check();
  if (result !== null) await rl.reward(userId).catch(() => undefined);
  return result ?? failed();
}

function failed(
  message = "That code is not valid. Check your authenticator app's clock and try the current code.",
): never {
  throw ApiError.badRequest("The code was not accepted.", [{ path: "body.code", message }]);
}

// ---------------------------------------------------------------------------------------------
// Factors

/** Records a TOTP step atomically: false when this step (or a later one) was already used. */
async function recordTotpStep(db: DbOrTx, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .insert(mfaTotpState)
    .values({ userId, lastTotpStep: step })
    .onConflictDoUpdate({
      target: mfaTotpState.userId,
      set: { lastTotpStep: step, updatedAt: sql`now()` },
      setWhere: sql`${mfaTotpState.lastTotpStep} < ${step}`,
    })
    .returning({ userId: mfaTotpState.userId });
  return rows.length > 0;
}

async function lastTotpStep(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ step: mfaTotpState.lastTotpStep })
    .from(mfaTotpState)
    .where(eq(mfaTotpState.userId, userId));
  return row?.step ?? 0;
}

async function checkTotp(db: DbOrTx, user: User, input: string, now = Date.now()): Promise<boolean> {
  if (!user.totpSecret) return false;
  const secret = decryptSecret(user.totpSecret, mfaKeys().encryption);
  const match = matchTotp(secret, input, now, await lastTotpStep(db, user.id));
  if (!match.ok) {
    if (match.reason === "reused") failed("That code was already used. Wait for the next one in your app.");
    return false;
  }
  // Two requests racing with the same code: only one records the step.
  if (!(await recordTotpStep(db, user.id, match.step)))
    failed("That code was already used. Wait for the next one in your app.");
  return true;
}

/** Spends a recovery code (atomically: a code is accepted at most once). */
async function spendRecoveryCode(db: DbOrTx, userId: string, input: string): Promise<boolean> {
  const normalized = normalizeRecoveryCode(input);
  if (!normalized) return false;
  const rows = await db
    .update(mfaRecoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(mfaRecoveryCodes.userId, userId),
        eq(mfaRecoveryCodes.codeHash, hashRecoveryCode(normalized, mfaKeys().recovery)),
        isNull(mfaRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: mfaRecoveryCodes.id });
  return rows.length > 0;
}

/** Checks a TOTP code or a recovery code of an enrolled user (rate limited); throws when wrong. */
async function verifyFactor(db: DbOrTx, user: User, factor: MfaFactor): Promise<"totp" | "recovery_code"> {
  if (!user.totpEnabledAt) throw notEnrolled();
  return attempt(user.id, async () => {
    if (factor.code !== undefined) return (await checkTotp(db, user, factor.code)) ? ("totp" as const) : null;
    if (factor.recovery_code !== undefined) {
      if (await spendRecoveryCode(db, user.id, factor.recovery_code)) return "recovery_code" as const;
      throw ApiError.badRequest("The recovery code was not accepted.", [
        { path: "body.recovery_code", message: "That recovery code is not valid or was already used." },
      ]);
    }
    return null;
  });
}

function notEnrolled() {
  return ApiError.conflict(
    "Two-factor authentication is not set up for your account. Set it up under Security & MFA first.",
    { code: "mfa_not_enrolled" },
  );
}

async function remainingRecoveryCodes(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(mfaRecoveryCodes)
    .where(and(eq(mfaRecoveryCodes.userId, userId), isNull(mfaRecoveryCodes.usedAt)));
  return Number(row?.n ?? 0);
}

async function replaceRecoveryCodes(tx: DbOrTx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  const key = mfaKeys().recovery;
  await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  await tx
    .insert(mfaRecoveryCodes)
    .values(codes.map((c) => ({ userId, codeHash: hashRecoveryCode(normalizeRecoveryCode(c)!, key) })));
  return codes;
}

// ---------------------------------------------------------------------------------------------
// The routes' services

export async function getMfaStatus(ctx: ServiceContext) {
  const { db, principal } = ctx;
  const user = await loadUser(db, principal);
  const verifiedAt = await stepUpVerifiedAt(principal);
  return {
    enabled: !!user.totpEnabledAt,
    enabled_at: user.totpEnabledAt?.toISOString() ?? null,
    recovery_codes_remaining: user.totpEnabledAt ? await remainingRecoveryCodes(db, user.id) : 0,
    verified_at: verifiedAt ? new Date(verifiedAt).toISOString() : null,
    verified_until: verifiedAt ? new Date(verifiedAt + STEP_UP_TTL_MS).toISOString() : null,
  };
}

/**
 * Starts (or restarts) enrolment: a new secret, stored encrypted and not yet enabled, shown this
 * once as a QR code and as a key to type. Refused while a second factor is enabled.
 */
export async function startEnrolment(ctx: ServiceContext) {
  const { db, principal } = ctx;
  const user = await loadUser(db, principal);
  if (user.totpEnabledAt)
    throw ApiError.conflict(
      "Two-factor authentication is already on. Turn it off first to set up a new authenticator.",
      { code: "mfa_already_enabled" },
    );
  const secret = newTotpSecret();
  await db
    .update(users)
    .set({ totpSecret: encryptSecret(secret, mfaKeys().encryption), updatedAt: sql`now()` })
    .where(and(eq(users.id, user.id), isNull(users.totpEnabledAt)));
  const uri = otpauthUri(secret, user.email);
  const { default: QRCode } = await import("qrcode");
  const qr = await QRCode.toDataURL(uri, {
    errorCorrectionLevel: "M",
    margin: 1,
    width: 240,
    color: { dark: "#0f172a", light: "#ffffff" },
  });
  return { secret, otpauth_uri: uri, qr_data_url: qr, issuer: "Gatehouse", account: user.email };
}

/** Confirms enrolment with a first code: enables TOTP and returns the recovery codes, once. */
export async function confirmEnrolment(ctx: ServiceContext, code: string) {
  const { db, principal } = ctx;
  const user = await loadUser(db, principal);
  if (user.totpEnabledAt)
    throw ApiError.conflict("Two-factor authentication is already on.", { code: "mfa_already_enabled" });
  if (!user.totpSecret)
    throw ApiError.conflict("Start the setup first: no authenticator is waiting for confirmation.", {
      code: "mfa_not_started",
    });
  const codes = await attempt(user.id, () =>
    db.transaction(async (tx) => {
      if (!(await checkTotp(tx, user, code))) return null;
      const enabled = await tx
        .update(users)
        .set({ totpEnabledAt: sql`now()`, updatedAt: sql`now()` })
        .where(and(eq(users.id, user.id), isNull(users.totpEnabledAt), eq(users.totpSecret, user.totpSecret!)))
        .returning({ id: users.id });
      if (!enabled.length)
        throw ApiError.conflict("The setup changed meanwhile (another tab?). Start again.", {
          code: "mfa_not_started",
        });
      return replaceRecoveryCodes(tx, user.id);
    }),
  );
  const verified = await markStepUpVerified(user.id);
  return { enabled: true, recovery_codes: codes, ...verified };
}

/** Step-up: a TOTP code or a recovery code marks this session verified for 15 minutes. */
export async function verifyStepUp(ctx: ServiceContext, factor: MfaFactor) {
  const { db, principal } = ctx;
  const user = await loadUser(db, principal);
  const method = await verifyFactor(db, user, factor);
  const verified = await markStepUpVerified(user.id);
  return { method, ...verified, recovery_codes_remaining: await remainingRecoveryCodes(db, user.id) };
}

/** New recovery codes (the old ones stop working), shown once; needs a current factor. */
export async function regenerateRecoveryCodes(ctx: ServiceContext, factor: MfaFactor) {
  const { db, principal } = ctx;
  const user = await loadUser(db, principal);
  await verifyFactor(db, user, factor);
  const codes = await db.transaction((tx) => replaceRecoveryCodes(tx, user.id));
  return { recovery_codes: codes };
}

/** Turns the second factor off (needs a current factor): secret, recovery codes and state go. */
export async function disableMfa(ctx: ServiceContext, factor: MfaFactor) {
  const { db, principal } = ctx;
  const user = await loadUser(db, principal);
  await verifyFactor(db, user, factor);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecret: null, totpEnabledAt: null, updatedAt: sql`now()` })
      .where(eq(users.id, user.id));
    await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, user.id));
    await tx.delete(mfaTotpState).where(eq(mfaTotpState.userId, user.id));
  });
  await clearStepUp();
  return { enabled: false };
}
