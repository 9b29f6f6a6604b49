/**
 * The client's IP as this app records and limits it: the LAST X-Forwarded-For hop, i.e. what the
 * nearest proxy saw (Next.js sets the header to the socket's address when no proxy did); then
 * X-Real-IP. Earlier hops are whatever the client chose to send, so they are never trusted.
 * Without a proxy in front, a client can choose even the last hop. One rule for the audit log and
 * the rate limiter, so an entry's IP is the one that was counted.
 */
export function clientIp(headers: HeaderSource): string | null {
  const hops =
    headers
      .get("x-forwarded-for")
      ?.split(",")
      .map((h) => h.trim())
      .filter(Boolean) ?? [];
  return hops.at(-1) ?? headers.get("x-real-ip") ?? null;
}

/** Request headers by lower-case name: a Fetch `Headers`, or the data plane's view of Node's. */
export interface HeaderSource {
  get(name: string): string | null;
}
