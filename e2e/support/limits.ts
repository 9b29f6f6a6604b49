/**
 * Limits the end-to-end server runs with (serve.ts sets them; the specs rely on them). Low enough
 * for a spec to reach, high enough that the others never do: each spec uses its own API keys, the
 * rest of the suite fails a sign-in only a few times, and successful sign-ins are not counted.
 */
export const E2E_LIMITS = {
  checkPerMinute: 50,
  /** Check points an instance leases from the shared budget at a time (lib/http/rate-limit.ts). */
  checkBatch: 5,
  signInPerEmail: 5,
  metricsToken: "e2e-metrics-token",
};
