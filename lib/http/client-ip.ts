import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";
import { singleton } from "@/lib/singleton";

/**
 * The client's IP as this app records and limits it: one rule for the audit log and the rate
 * limiter, so an entry's IP is the one that was counted.
 *
 * Only the server knows who is on the other end of the socket, and X-Forwarded-For is whatever
 * the client (or any proxy in between) chose to send. So the address is worked out once, where
 * the socket is, by the Gatehouse server (server.mjs → `stampClientIp`), and handed to Next and
 * the data plane in a header that carries this process's secret: a client that sends the header
 * itself is ignored (server.mjs also deletes it), and a request that did not come through the
 * server (`next dev`) has no known IP (null) rather than a forged one.
 *
 * The rule (`resolveClientIp`): the socket's peer, unless the peer is a trusted proxy
 * (`TRUSTED_PROXIES`: addresses and CIDRs, comma-separated; unset trusts none). Then
 * X-Forwarded-For is read from the right, skipping trusted proxies: the first hop that is not one
 * is the client. A hop that is not an IP address stops the walk at the last trusted one.
 */
export const CLIENT_IP_HEADER = "x-gatehouse-client-ip";

/** Request headers by lower-case name: a Fetch `Headers`, or the data plane's view of Node's. */
export interface HeaderSource {
  get(name: string): string | null;
}

/** The secret that proves a stamped header came from this process's server, not a client. */
const secret = () => singleton("client-ip-secret", () => randomBytes(18).toString("base64url"));

export function clientIp(headers: HeaderSource): string | null {
  const value = headers.get(CLIENT_IP_HEADER);
  if (!value) return null;
  const space = value.indexOf(" ");
  if (space < 0 || value.slice(0, space) !== secret()) return null;
  const ip = value.slice(space + 1);
  return ip === "-" ? null : ip;
}

/** The header value the server stamps for this IP (null: unknown). Tests use it to act as the server. */
export function stampFor(ip: string | null): string {
  return `${secret()} ${ip ?? "-"}`;
}

/** Headers only a proxy may set: from anyone else they are the client's say, and dropped. */
const PROXY_HEADERS = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
  "forwarded",
];

/**
 * What server.mjs does to every request before anything reads it: replaces the client-IP header
 * with the resolved IP, and, unless the socket's peer is a trusted proxy, drops the headers only a
 * proxy may set (so the same-origin check, Auth.js's URLs and the step-up cookie's `secure` flag
 * never believe a forged `X-Forwarded-Host` or `-Proto` either; Next derives its own from the
 * socket).
 */
export function stampClientIp(req: IncomingMessage, env?: Record<string, string | undefined>): void {
  // TRUSTED_PROXIES is read once (the server checks it at start: data-plane.ts), not per request.
  if (!env) fromEnv ??= trustedProxies(process.env.TRUSTED_PROXIES);
  const trusted = env ? trustedProxies(env.TRUSTED_PROXIES) : (fromEnv as Trusted);
  const peer = peerOf(req, trusted);
  if (!peer.proxy) {
    // The client is the peer: its stamp is worked out once per connection.
    for (const name of PROXY_HEADERS) if (req.headers[name] !== undefined) delete req.headers[name];
    req.headers[CLIENT_IP_HEADER] = peer.stamp;
    return;
  }
  const forwarded = req.headers["x-forwarded-for"];
  const ip = resolveClientIp(
    req.socket.remoteAddress,
    Array.isArray(forwarded) ? forwarded.join(",") : forwarded,
    trusted,
  );
  req.headers[CLIENT_IP_HEADER] = stampFor(ip);
}

let fromEnv: Trusted | undefined;

/** What a connection's peer is, kept with the socket (a keep-alive connection asks once). */
interface Peer {
  trusted: Trusted;
  /** Whether the peer is a trusted proxy (then each request's X-Forwarded-For names the client). */
  proxy: boolean;
  /** The stamp when the peer is the client. */
  stamp: string;
}
const peers = new WeakMap<object, Peer>();

function peerOf(req: IncomingMessage, trusted: Trusted): Peer {
  const known = peers.get(req.socket);
  if (known !== undefined && known.trusted === trusted) return known;
  const address = req.socket.remoteAddress === undefined ? null : plain(req.socket.remoteAddress);
  const peer = { trusted, proxy: address !== null && trusted.has(address), stamp: stampFor(address) };
  if (address !== null) peers.set(req.socket, peer);
  return peer;
}

export function resolveClientIp(peer: string | undefined, forwardedFor: string | undefined, trusted: Trusted) {
  let client = peer === undefined ? null : plain(peer);
  if (client === null || !trusted.has(client)) return client;
  const hops = (forwardedFor ?? "").split(",");
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = plain(hops[i]!.trim());
    if (hop === null) break;
    client = hop;
    if (!trusted.has(hop)) break;
  }
  return client;
}

/** An address as recorded: IPv4-mapped IPv6 (`::ffff:1.2.3.4`) as IPv4; null if not an IP. */
function plain(address: string): string | null {
  const a = address.toLowerCase().startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  return isIP(a) === 0 ? null : a;
}

export interface Trusted {
  has(ip: string): boolean;
}

const parsed = new Map<string, Trusted>();

/**
 * `TRUSTED_PROXIES` as a set: IPv4/IPv6 addresses and CIDRs, comma- or space-separated. A
 * malformed entry throws (the server refuses to start rather than trust the wrong hosts).
 */
export function trustedProxies(value: string | undefined): Trusted {
  const key = value ?? "";
  const known = parsed.get(key);
  if (known) return known;
  const list = new BlockList();
  let any = false;
  for (const entry of key.split(/[\s,]+/).filter(Boolean)) {
    const [address = "", bits, extra] = entry.split("/");
    const family = isIP(address);
    const prefix = bits === undefined ? (family === 4 ? 32 : 128) : Number(bits);
    if (
      family === 0 ||
      extra !== undefined ||
      (bits !== undefined && !/^\d{1,3}$/.test(bits)) ||
      prefix > (family === 4 ? 32 : 128)
    )
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR (e.g. 10.0.0.0/8, ::1)`);
    list.addSubnet(address, prefix, family === 4 ? "ipv4" : "ipv6");
    any = true;
  }
  const trusted: Trusted = {
    has: (ip) => any && list.check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4"),
  };
  parsed.set(key, trusted);
  return trusted;
}
