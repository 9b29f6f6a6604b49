/** The caller's second factor (TOTP): its status, enrolment, step-up and recovery codes. */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  MfaDisabled,
  MfaEnabled as MfaEnabledSchema,
  MfaEnrolment as MfaEnrolmentSchema,
  MfaRecoveryCodes,
  MfaStatus as MfaStatusSchema,
  MfaVerified,
} from "@/lib/validation/responses";
import { api } from "./api";
import { apiQuery } from "./hooks";
import { queryKeys } from "./keys";
import { paths } from "./paths";

export type MfaStatus = z.infer<typeof MfaStatusSchema>;
export type MfaEnrolment = z.infer<typeof MfaEnrolmentSchema>;
export type MfaEnabled = z.infer<typeof MfaEnabledSchema>;
/** A TOTP code or a recovery code: what every step-up-guarded MFA write takes. */
export type SecondFactor = { code: string } | { recovery_code: string };

export const mfaQueries = {
  status: () => apiQuery<MfaStatus>(queryKeys.me.mfa, paths.myMfa),
};

export const useMfaStatus = () => useQuery(mfaQueries.status());
export function useRefreshMfaStatus() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: queryKeys.me.mfa });
}

export const mfa = {
  enrol: () => api.post<MfaEnrolment>(paths.myMfaEnrol),
  confirm: (factor: SecondFactor) => api.post<MfaEnabled>(paths.myMfaEnrolConfirm, factor),
  verify: (factor: SecondFactor) => api.post<z.infer<typeof MfaVerified>>(paths.myMfaVerify, factor),
  recoveryCodes: (factor: SecondFactor) => api.post<z.infer<typeof MfaRecoveryCodes>>(paths.myMfaRecoveryCodes, factor),
  disable: (factor: SecondFactor) => api.post<z.infer<typeof MfaDisabled>>(paths.myMfaDisable, factor),
};
