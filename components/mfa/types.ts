/** The MFA routes' answers (`/api/v1/me/mfa/*`). */

export const MFA_STATUS_PATH = "/api/v1/me/mfa";

/** GET /api/v1/me/mfa */
export interface MfaStatus {
  enabled: boolean;
  enabled_at: string | null;
  recovery_codes_remaining: number;
  /** When this session last verified a second factor (null: not within 15 minutes). */
  verified_at: string | null;
  verified_until: string | null;
}

/** POST /api/v1/me/mfa/enrol */
export interface MfaEnrolment {
  secret: string;
  otpauth_uri: string;
  qr_data_url: string;
  issuer: string;
  account: string;
}

/** POST /api/v1/me/mfa/enrol/confirm */
export interface MfaEnabled {
  enabled: true;
  recovery_codes: string[];
  verified_at: string;
  verified_until: string;
}
