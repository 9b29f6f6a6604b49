import type { RequestMeta } from "@/lib/services/context";
import { clientIp, type HeaderSource } from "./client-ip";

/** What the audit log records of a request: the client IP by the one shared rule, and the user agent. */
export function requestMeta(request: { headers: HeaderSource }): RequestMeta {
  return { ip: clientIp(request.headers), userAgent: request.headers.get("user-agent") };
}
