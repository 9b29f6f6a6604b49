import "server-only";
/**
 * TOTP second factor, the pure parts (no database, no request): secrets and their encryption at
 * rest, code checks with replay protection, single-use recovery codes as keyed hashes, and the
 * signed step-up cookie that says "this session verified a code at t".
 *
 * Keys are derived from AUTH_SECRET with HKDF, one per purpose: every instance that shares
 * AUTH_SECRET can read what another wrote. Rotating AUTH_SECRET therefore also makes stored TOTP
 * secrets unreadable: users would enrol again (recovery codes still let them in to do so).
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  randomInt,
  timingSafeEqual,
} from "node:crypto";
import * as OTPAuth from "otpauth";
import { authSecret } from "./secret";

export const TOTP_ISSUER = "Gatehouse";
export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
/** Codes of the previous, current and next 30-second step are accepted (clock drift). */
export const TOTP_WINDOW = 1;
/** How long a verified second factor lets MFA-protected actions through. */
export const STEP_UP_TTL_MS = 15 * 60 * 1000;
export const RECOVERY_CODE_COUNT = 10;
/** The step-up cookie: `<user id>.<session version>.<verified at ms>.<mac>`. */
export const STEP_UP_COOKIE = "gh_mfa";

// ---------------------------------------------------------------------------------------------
// Keys

export interface MfaKeys {
  encryption: Buffer;
  recovery: Buffer;
  stepUp: Buffer;
}

export function deriveMfaKeys(secret: string): MfaKeys {
  const derive = (purpose: string) => Buffer.from(hkdfSync("sha256", secret, "gatehouse-mfa", purpose, 32));
  return {
    encryption: derive("totp-secret-encryption"),
    recovery: derive("recovery-code-hash"),
    stepUp: derive("step-up-cookie"),
  };
}

let cached: { secret: string; keys: MfaKeys } | null = null;
/** This process's keys, derived from AUTH_SECRET (see `authSecret`). */
export function mfaKeys(): MfaKeys {
  const secret = authSecret();
  if (cached?.secret !== secret) cached = { secret, keys: deriveMfaKeys(secret) };
  return cached.keys;
}

// ---------------------------------------------------------------------------------------------
// TOTP

/** A new random secret (160 bits, as RFC 4226 recommends), base32 as authenticator apps take it. */
export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

function totp(secretBase32: string, account = "") {
  return new OTPAuth.TOTP({
    issuer: TOTP_ISSUER,
    label: account,
    algorithm: "SHA1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

/** The `otpauth://totp/…` URI an authenticator app scans from the QR code. */
export function otpauthUri(secretBase32: string, account: string): string {
  return totp(secretBase32, account).toString();
}

/** The code for a moment (tests and the enrolment preview only: the server never shows codes). */
export function totpCode(secretBase32: string, timestamp = Date.now()): string {
  return totp(secretBase32).generate({ timestamp });
}

/** The 30-second step a moment falls in. */
export function totpStep(timestamp = Date.now()): number {
  return OTPAuth.TOTP.counter({ period: TOTP_PERIOD, timestamp });
}

/** Spaces and dashes are allowed in what a person types ("123 456"); the rest must be 6 digits. */
export function normalizeTotpCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(code) ? code : null;
}

export type TotpMatch = { ok: true; step: number } | { ok: false; reason: "malformed" | "invalid" | "reused" };

/**
 * Checks a code against the secret at `now` (±1 step) and refuses one whose step is not after
 * `lastStep`, the step of the last code this user had accepted: a code (and any earlier one) works
 * once. The caller must record the returned step atomically (see `recordTotpStep`).
 */
export function matchTotp(secretBase32: string, input: string, now: number, lastStep: number): TotpMatch {
  const token = normalizeTotpCode(input);
  if (!token) return { ok: false, reason: "malformed" };
  const delta = totp(secretBase32).validate({ token, timestamp: now, window: TOTP_WINDOW });
  if (delta === null) return { ok: false, reason: "invalid" };
  const step = totpStep(now) + delta;
  if (step <= lastStep) return { ok: false, reason: "reused" };
  return { ok: true, step };
}

// ---------------------------------------------------------------------------------------------
// The secret at rest: AES-256-GCM, `v1.<iv>.<tag>.<ciphertext>` (base64url)

export function encryptSecret(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(
    ".",
  );
}

/** The plain secret; throws on a tampered value or the wrong key. */
export function decryptSecret(stored: string, key: Buffer): string {
  const [version, iv, tag, body] = stored.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("mfa: unreadable stored secret");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

// ---------------------------------------------------------------------------------------------
// Recovery codes: `xxxxx-xxxxx` from 31 unambiguous characters (~49 bits each)

const RECOVERY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    let raw = "";
    for (let i = 0; i < 10; i++) raw += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
    codes.add(`${raw.slice(0, 5)}-${raw.slice(5)}`);
  }
  return [...codes];
}

/** Case, spaces and dashes do not matter; null when it cannot be a recovery code. */
export function normalizeRecoveryCode(input: string): string | null {
  const code = input.toLowerCase().replace(/[\s-]/g, "");
  return code.length === 10 && [...code].every((c) => RECOVERY_ALPHABET.includes(c)) ? code : null;
}

/** A keyed hash: a stolen table alone does not let anyone test guesses offline. */
export function hashRecoveryCode(normalized: string, key: Buffer): string {
  return createHmac("sha256", key).update(normalized).digest("base64url");
}

// ---------------------------------------------------------------------------------------------
// The step-up cookie

export interface StepUpClaim {
  userId: string;
  sessionVersion: number;
  verifiedAt: number;
}

function mac(payload: string, key: Buffer) {
  return createHmac("sha256", key).update(payload).digest("base64url");
}

export function signStepUp(claim: StepUpClaim, key: Buffer): string {
  const payload = `${claim.userId}.${claim.sessionVersion}.${claim.verifiedAt}`;
  return `${payload}.${mac(payload, key)}`;
}

/**
 * When the cookie's holder verified a second factor, if the cookie is genuine, is this user's and
 * this session version's, and is at most `STEP_UP_TTL_MS` old; null otherwise.
 */
export function readStepUp(
  value: string | undefined,
  key: Buffer,
  expected: { userId: string; sessionVersion: number; now: number },
): number | null {
  if (!value) return null;
  const parts = value.split(".");
  if (parts.length !== 4) return null;
  const [userId, sv, at, given] = parts as [string, string, string, string];
  const want = Buffer.from(mac(`${userId}.${sv}.${at}`, key));
  const got = Buffer.from(given);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  const verifiedAt = Number(at);
  if (userId !== expected.userId || Number(sv) !== expected.sessionVersion || !Number.isSafeInteger(verifiedAt))
    return null;
  // A clock a little behind on another instance is fine; a date in the future is not.
  if (verifiedAt > expected.now + 60_000 || expected.now - verifiedAt > STEP_UP_TTL_MS) return null;
  return verifiedAt;
}
