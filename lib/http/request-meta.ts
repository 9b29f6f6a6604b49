import type { RequestMeta } from "@/lib/services/context";
import { clientIp, type HeaderSource } from "./client-ip";

/** What the audit log records of a request: the client IP by the one shared rule, and the user agent. */
export function requestMeta(request: { headers: HeaderSource }): RequestMeta {
  return { ip: clientIp(request.headers), userAgent: request.headers.get("user-agent") };
}

/**
 * The origin people reach this server at, for links it hands out (an invitation's URL): `AUTH_URL`
 * when set (the canonical address Auth.js uses too); else the address the request was made to,
 * as a trusted proxy reports it (`X-Forwarded-Host`, `-Proto`: server.mjs drops them from anyone
 * else) or as the client named it (`Host`). Not the server's own bind address, which behind a
 * proxy is `localhost`.
 */
export function publicOrigin(
  request: { url: string; headers: HeaderSource },
  env: Record<string, string | undefined> = process.env,
): string {
  if (env.AUTH_URL) {
    try {
      return new URL(env.AUTH_URL).origin;
    } catch {
      // not a URL: fall back to the request's own
    }
  }
  const url = new URL(request.url);
  const first = (value: string | null) => value?.split(",")[0]?.trim() || null;
  const proto = first(request.headers.get("x-forwarded-proto"));
  const host = first(request.headers.get("x-forwarded-host")) ?? first(request.headers.get("host"));
  const protocol = proto === "https" || proto === "http" ? `${proto}:` : url.protocol;
  try {
    return host ? new URL(`${protocol}//${host}`).origin : url.origin;
  } catch {
    return url.origin;
  }
}
