import type { NextRequest } from "next/server";
import { problemResponse } from "@/lib/api/problem";
import { handlers } from "@/lib/auth";
import { signInThrottle } from "@/lib/auth/throttle-scope";
import { ApiError } from "@/lib/errors";

export const { GET } = handlers;

/**
 * Auth.js answers a refused sign-in with a redirect; a throttled one (too many failures for the
 * email or the address) is answered here as `429 problem+json` with `Retry-After`, so a client
 * posting to the callback directly learns how long to wait. The sign-in form (a server action)
 * shows the same wait in words.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const scope: { retryAfter?: number } = {};
  const response = await signInThrottle.run(scope, () => handlers.POST(request));
  if (scope.retryAfter !== undefined) return problemResponse(ApiError.tooMany(scope.retryAfter));
  return response;
}
