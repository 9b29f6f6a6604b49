import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Carries a sign-in throttle out of Auth.js: `authorize` records it here, and the credentials
 * callback route turns it into `429` with `Retry-After` (Auth.js itself can only redirect).
 */
export const signInThrottle = new AsyncLocalStorage<{ retryAfter?: number }>();
