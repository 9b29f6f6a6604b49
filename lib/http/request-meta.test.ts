import { describe, expect, it } from "vitest";
import { publicOrigin } from "./request-meta";

const req = (headers: Record<string, string>, url = "http://localhost:3000/api/v1/invitations") => ({
  url,
  headers: new Headers(headers),
});

describe("publicOrigin: the address links are handed out at", () => {
  it("is AUTH_URL's origin when set", () => {
    expect(publicOrigin(req({ host: "evil.test" }), { AUTH_URL: "https://gate.example.com/base" })).toBe(
      "https://gate.example.com",
    );
  });
  it("is what a proxy reports, not the bind address", () => {
    expect(
      publicOrigin(
        req({ host: "localhost:3000", "x-forwarded-host": "gate.example.com", "x-forwarded-proto": "https" }),
        {},
      ),
    ).toBe("https://gate.example.com");
  });
  it("is the Host the client used without a proxy", () => {
    expect(publicOrigin(req({ host: "127.0.0.1:3210" }), {})).toBe("http://127.0.0.1:3210");
  });
  it("falls back to the request URL on a host that is not one", () => {
    expect(publicOrigin(req({ host: "bad host/?" }), {})).toBe("http://localhost:3000");
    expect(publicOrigin(req({}), { AUTH_URL: "not a url" })).toBe("http://localhost:3000");
  });
});
