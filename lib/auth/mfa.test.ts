import * as OTPAuth from "otpauth";
import { describe, expect, it } from "vitest";
import {
  decryptSecret,
  deriveMfaKeys,
  encryptSecret,
  hashRecoveryCode,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  normalizeRecoveryCode,
  normalizeTotpCode,
  otpauthUri,
  readStepUp,
  STEP_UP_TTL_MS,
  signStepUp,
  totpCode,
  totpStep,
} from "./mfa";

const keys = deriveMfaKeys("a test secret of the right length, more or less");
const T0 = Date.UTC(2030, 0, 1, 12, 0, 15); // 15 s into a step

describe("TOTP", () => {
  it("makes base32 secrets and an otpauth URI authenticator apps read", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = otpauthUri(secret, "ada@example.com");
    const parsed = OTPAuth.URI.parse(uri) as OTPAuth.TOTP;
    expect(parsed).toBeInstanceOf(OTPAuth.TOTP);
    expect(parsed.issuer).toBe("Gatehouse");
    expect(parsed.label).toBe("ada@example.com");
    expect(parsed.secret.base32).toBe(secret);
    expect(parsed.digits).toBe(6);
    expect(parsed.period).toBe(30);
  });

  it("accepts the current, previous and next step's code, nothing further", () => {
    const secret = newTotpSecret();
    for (const offset of [-1, 0, 1]) {
      const match = matchTotp(secret, totpCode(secret, T0 + offset * 30_000), T0, 0);
      expect(match).toEqual({ ok: true, step: totpStep(T0) + offset });
    }
    for (const offset of [-3, -2, 2, 3]) {
      expect(matchTotp(secret, totpCode(secret, T0 + offset * 30_000), T0, 0).ok).toBe(false);
    }
  });

  it("refuses a code of the last accepted step or an earlier one (no reuse)", () => {
    const secret = newTotpSecret();
    const code = totpCode(secret, T0);
    const first = matchTotp(secret, code, T0, 0);
    expect(first.ok).toBe(true);
    const step = (first as { step: number }).step;
    expect(matchTotp(secret, code, T0 + 5_000, step)).toEqual({ ok: false, reason: "reused" });
    expect(matchTotp(secret, totpCode(secret, T0 - 30_000), T0, step)).toEqual({ ok: false, reason: "reused" });
    // The next step's code is still good.
    expect(matchTotp(secret, totpCode(secret, T0 + 30_000), T0 + 30_000, step).ok).toBe(true);
  });

  it("reads codes as people type them and refuses other shapes", () => {
    expect(normalizeTotpCode(" 123 456 ")).toBe("123456");
    expect(normalizeTotpCode("123-456")).toBe("123456");
    expect(normalizeTotpCode("12345")).toBeNull();
    expect(normalizeTotpCode("12345a")).toBeNull();
    expect(matchTotp(newTotpSecret(), "abc", T0, 0)).toEqual({ ok: false, reason: "malformed" });
    expect(matchTotp(newTotpSecret(), "000000", T0, 0).ok).toBe(false);
  });
});

describe("the secret at rest", () => {
  it("round-trips, differs each time, and refuses tampering or another key", () => {
    const secret = newTotpSecret();
    const a = encryptSecret(secret, keys.encryption);
    const b = encryptSecret(secret, keys.encryption);
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret);
    expect(decryptSecret(a, keys.encryption)).toBe(secret);
    const other = deriveMfaKeys("another secret");
    expect(() => decryptSecret(a, other.encryption)).toThrow();
    const parts = a.split(".");
    parts[3] = Buffer.from("X".repeat(32)).toString("base64url");
    expect(() => decryptSecret(parts.join("."), keys.encryption)).toThrow();
    expect(() => decryptSecret("plain", keys.encryption)).toThrow();
  });
});

describe("recovery codes", () => {
  it("are ten distinct xxxxx-xxxxx codes, read case- and dash-insensitively", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}$/);
    const c = codes[0]!;
    expect(normalizeRecoveryCode(c.toUpperCase())).toBe(c.replace("-", ""));
    expect(normalizeRecoveryCode(` ${c.replace("-", " ")} `)).toBe(c.replace("-", ""));
    expect(normalizeRecoveryCode("too-short")).toBeNull();
    expect(normalizeRecoveryCode("0000o-11111")).toBeNull();
  });

  it("hash with the key: same code same hash, other key other hash", () => {
    const n = normalizeRecoveryCode(newRecoveryCodes(1)[0]!)!;
    expect(hashRecoveryCode(n, keys.recovery)).toBe(hashRecoveryCode(n, keys.recovery));
    expect(hashRecoveryCode(n, keys.recovery)).not.toBe(hashRecoveryCode(n, deriveMfaKeys("other").recovery));
    expect(hashRecoveryCode(n, keys.recovery)).not.toContain(n);
  });
});

describe("the step-up cookie", () => {
  const claim = { userId: "2b1f3c4d-0000-4000-8000-000000000001", sessionVersion: 3, verifiedAt: T0 };
  const expected = { userId: claim.userId, sessionVersion: 3, now: T0 + 60_000 };

  it("is good for its user and session version for 15 minutes", () => {
    const value = signStepUp(claim, keys.stepUp);
    expect(readStepUp(value, keys.stepUp, expected)).toBe(T0);
    expect(readStepUp(value, keys.stepUp, { ...expected, now: T0 + STEP_UP_TTL_MS })).toBe(T0);
    expect(readStepUp(value, keys.stepUp, { ...expected, now: T0 + STEP_UP_TTL_MS + 1 })).toBeNull();
  });

  it("is refused for another user, another session version, a forged MAC, or a future date", () => {
    const value = signStepUp(claim, keys.stepUp);
    expect(readStepUp(value, keys.stepUp, { ...expected, userId: "2b1f3c4d-0000-4000-8000-000000000002" })).toBeNull();
    expect(readStepUp(value, keys.stepUp, { ...expected, sessionVersion: 4 })).toBeNull();
    expect(readStepUp(value, deriveMfaKeys("other").stepUp, expected)).toBeNull();
    const moved = value.replace(`.${T0}.`, `.${T0 + 600_000}.`);
    expect(readStepUp(moved, keys.stepUp, expected)).toBeNull();
    expect(
      readStepUp(signStepUp({ ...claim, verifiedAt: T0 + 10 * 60_000 }, keys.stepUp), keys.stepUp, expected),
    ).toBeNull();
    expect(readStepUp(undefined, keys.stepUp, expected)).toBeNull();
    expect(readStepUp("a.b.c", keys.stepUp, expected)).toBeNull();
  });
});
