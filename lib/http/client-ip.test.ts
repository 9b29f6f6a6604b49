import { Agent, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, clientIp, resolveClientIp, stampClientIp, stampFor, trustedProxies } from "./client-ip";

const none = trustedProxies(undefined);
const lan = trustedProxies("10.0.0.0/8, 192.168.1.7 ::1");

describe("the client IP", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(resolveClientIp("198.51.100.9", "1.2.3.4", none)).toBe("198.51.100.9");
    expect(resolveClientIp("::ffff:198.51.100.9", "1.2.3.4, 5.6.7.8", none)).toBe("198.51.100.9");
    // Even a peer that would be a proxy elsewhere: unset trusts none.
    expect(resolveClientIp("10.0.0.1", "203.0.113.7", none)).toBe("10.0.0.1");
    expect(resolveClientIp(undefined, "203.0.113.7", none)).toBeNull();
  });

  it("walks X-Forwarded-For from the right past trusted proxies only", () => {
    // The client put 6.6.6.6 there itself; the trusted proxy appended what it saw.
    expect(resolveClientIp("10.1.2.3", "6.6.6.6, 203.0.113.7", lan)).toBe("203.0.113.7");
    // Two trusted proxies in a row.
    expect(resolveClientIp("10.1.2.3", "6.6.6.6, 203.0.113.7, 192.168.1.7", lan)).toBe("203.0.113.7");
    expect(resolveClientIp("::1", "2001:db8::5", lan)).toBe("2001:db8::5");
    // All trusted: the leftmost hop.
    expect(resolveClientIp("10.1.2.3", "10.9.9.9", lan)).toBe("10.9.9.9");
    // No header from a trusted proxy: the proxy itself.
    expect(resolveClientIp("10.1.2.3", undefined, lan)).toBe("10.1.2.3");
    // Garbage is never recorded as an address: the walk stops at the last trusted hop.
    expect(resolveClientIp("10.1.2.3", "203.0.113.7, not-an-ip", lan)).toBe("10.1.2.3");
    expect(resolveClientIp("10.1.2.3", "<script>, 10.4.4.4", lan)).toBe("10.4.4.4");
    // 192.168.1.7 is trusted, its neighbour is not.
    expect(resolveClientIp("192.168.1.8", "203.0.113.7", lan)).toBe("192.168.1.8");
  });

  it("refuses a malformed TRUSTED_PROXIES rather than trusting the wrong hosts", () => {
    for (const bad of ["10.0.0.0/33", "nonsense", "10.0.0.0/8/1", "::1/129", "10.0.0.0/x"])
      expect(() => trustedProxies(bad)).toThrow(/TRUSTED_PROXIES/);
    expect(trustedProxies("").has("127.0.0.1")).toBe(false);
  });

  it("is read only from the header this process's server stamped; a client's own header is ignored", () => {
    expect(clientIp(new Headers({ [CLIENT_IP_HEADER]: stampFor("203.0.113.7") }))).toBe("203.0.113.7");
    expect(clientIp(new Headers({ [CLIENT_IP_HEADER]: stampFor(null) }))).toBeNull();
    expect(clientIp(new Headers({ [CLIENT_IP_HEADER]: "203.0.113.7" }))).toBeNull();
    expect(clientIp(new Headers({ [CLIENT_IP_HEADER]: "guess 203.0.113.7" }))).toBeNull();
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.7", "x-real-ip": "203.0.113.7" }))).toBeNull();
  });

  it.each([
    ["no proxy is trusted", "", "127.0.0.1", undefined],
    ["the peer is a trusted proxy", "127.0.0.0/8", "203.0.113.7", "evil.example"],
  ])(
    "is stamped from a real socket when %s; proxy headers are kept only from a trusted proxy",
    async (_, trusted, ip, host) => {
      const seen: { ip: string | null; host: string | undefined; proto: string | undefined }[] = [];
      const server = createServer((req, res) => {
        stampClientIp(req, { TRUSTED_PROXIES: trusted });
        seen.push({
          ip: clientIp({ get: (n) => (req.headers[n] as string | undefined) ?? null }),
          host: req.headers["x-forwarded-host"] as string | undefined,
          proto: req.headers["x-forwarded-proto"] as string | undefined,
        });
        res.end();
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve, reject) =>
        request(
          {
            host: "127.0.0.1",
            port,
            headers: {
              "x-forwarded-for": "203.0.113.7",
              "x-forwarded-host": "evil.example",
              "x-forwarded-proto": "https",
              [CLIENT_IP_HEADER]: stampFor("6.6.6.6"),
            },
          },
          (res) => res.resume().on("end", resolve),
        )
          .on("error", reject)
          .end(),
      );
      await new Promise((r) => server.close(r));
      expect(seen).toEqual([{ ip, host, proto: host === undefined ? undefined : "https" }]);
    },
  );

  it.each([
    ["no proxy is trusted", "", ["127.0.0.1", "127.0.0.1"]],
    ["the peer is a trusted proxy", "127.0.0.0/8", ["203.0.113.7", "198.51.100.1"]],
  ])("is worked out for every request of a kept-alive connection when %s", async (_, trusted, ips) => {
    // The peer is looked at once per connection; what each request says is still read (or dropped) each time.
    const seen: { ip: string | null; host: string | undefined }[] = [];
    const server = createServer((req, res) => {
      stampClientIp(req, { TRUSTED_PROXIES: trusted });
      seen.push({
        ip: clientIp({ get: (n) => (req.headers[n] as string | undefined) ?? null }),
        host: req.headers["x-forwarded-host"] as string | undefined,
      });
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    for (const forwarded of ["203.0.113.7", "198.51.100.1"])
      await new Promise<void>((resolve, reject) =>
        request(
          {
            host: "127.0.0.1",
            port,
            agent,
            headers: {
              "x-forwarded-for": forwarded,
              "x-forwarded-host": "evil.example",
              [CLIENT_IP_HEADER]: stampFor("6.6.6.6"),
            },
          },
          (res) => res.resume().on("end", resolve),
        )
          .on("error", reject)
          .end(),
      );
    agent.destroy();
    await new Promise((r) => server.close(r));
    const host = trusted ? "evil.example" : undefined;
    expect(seen).toEqual(ips.map((ip) => ({ ip, host })));
  });
});
