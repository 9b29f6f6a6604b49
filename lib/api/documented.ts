import type { ResponseDoc } from "@/lib/validation/responses";

/**
 * A handler outside the wrapper (health, metrics: public or token-guarded) with its documented
 * answers, for the OpenAPI document like any route's.
 */
export function documented<H extends (...args: never[]) => unknown>(responses: ResponseDoc[], handler: H) {
  return Object.assign(handler, { responses });
}
