import { describe, expect, it, vi } from "vitest";
import type { ApiKeyScope } from "@/lib/auth/api-keys";
import { SCOPE_NEEDS } from "./api-keys";

// The route modules import the route wrapper, which loads Auth.js and next/headers (Next's runtime)
// at import time; nothing here calls them: only the routes' declared specs are read.
vi.mock("@/lib/auth", () => ({
  auth: async () => null,
  handlers: {},
  signIn: async () => undefined,
  signOut: async () => undefined,
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined }),
}));

interface Spec {
  scope: ApiKeyScope;
  permission: string | null;
  keys?: boolean;
}

describe("what a key's scope lets it do (least privilege)", () => {
  it("each scope's needs cover the permission of every route that scope opens to a key", async () => {
    const { routes } = await import("@/app/api/v1/openapi.json/routes");
    const uncovered: string[] = [];
    let opened = 0;
    for (const entry of routes) {
      for (const [method, handler] of Object.entries(entry.module)) {
        const spec = (handler as { spec?: Spec }).spec;
        if (!spec || spec.keys === false || spec.permission === null) continue;
        opened++;
        if (!SCOPE_NEEDS[spec.scope].includes(spec.permission))
          uncovered.push(`${method} ${entry.path}: ${spec.scope} → ${spec.permission}`);
      }
    }
    expect(opened).toBeGreaterThan(40);
    expect(uncovered).toEqual([]);
  });
});
