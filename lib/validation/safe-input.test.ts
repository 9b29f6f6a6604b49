import { describe, expect, it } from "vitest";
import { z } from "zod";
import { hasLoneSurrogate, hasNul, loneSurrogatePaths, nulPaths } from "./safe-input";
import { signInFields } from "./sign-in";

describe("nulPaths: every string a client sends, checked for NUL (docs/design.md §3.5)", () => {
  it("finds NUL in values and keys, at any depth, with their paths", () => {
    const input = JSON.parse(
      '{"name":"a\\u0000b","permissions":[{"code":"x","notes":"\\u0000"}],"ok":"fine","m\\u0000":1,"n":[1,null,true,["\\u0000"]]}',
    ) as unknown;
    expect(nulPaths(input)).toEqual([["name"], ["permissions", "0", "notes"], ["m\u0000"], ["n", "3", "0"]]);
  });

  it("finds nothing in clean input, and a top-level string is its own path", () => {
    expect(nulPaths({ a: "b", c: [1, "d"], e: { f: null } })).toEqual([]);
    expect(nulPaths("\u0000")).toEqual([[]]);
    expect(nulPaths(undefined)).toEqual([]);
    expect(hasNul("plain")).toBe(false);
  });

  it("finds lone surrogates (which a jsonb value refuses), and leaves well-formed pairs alone", () => {
    const input = JSON.parse('{"name":"\\ud800","ok":"\\ud83d\\ude00","list":["x\\udfffy"],"\\udc00":1}') as unknown;
    expect(loneSurrogatePaths(input)).toEqual([["name"], ["list", "0"], ["\udc00"]]);
    expect(hasLoneSurrogate("😀 plain")).toBe(false);
    expect(hasLoneSurrogate("\ud83d")).toBe(true);
  });

  it("survives a body nested far deeper than any schema allows", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(nulPaths(deep)[0]).toHaveLength(100_000);
  });

  it("the sign-in form refuses NUL in the email and the password before the database sees it", () => {
    const schema = z.object(signInFields);
    expect(schema.safeParse({ email: "a@b.test", password: "secret" }).success).toBe(true);
    for (const bad of [
      { email: "a\u0000@b.test", password: "secret" },
      { email: "a@b.test", password: "se\u0000cret" },
    ])
      expect(schema.safeParse(bad).success).toBe(false);
  });
});
