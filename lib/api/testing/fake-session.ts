/**
 * The only fakes of the route tests: who Auth.js says is signed in, and what next/headers reads
 * (X-Tenant-Id, cookies). A test file installs them with
 *   vi.mock("@/lib/auth", async () => (await import("@/lib/api/testing/fake-session")).fakeAuth);
 *   vi.mock("next/headers", async () => (await import("@/lib/api/testing/fake-session")).fakeHeaders);
 * This module imports nothing, so the mock factories cannot loop back into the modules they replace.
 */
export const fakeSession = {
  user: null as { id: string; sessionVersion: number; sessionId: string } | null,
  tenantId: undefined as string | undefined,
  cookies: new Map<string, string>(),
};

export const fakeAuth = {
  auth: async () =>
    fakeSession.user
      ? {
          user: { id: fakeSession.user.id },
          sessionVersion: fakeSession.user.sessionVersion,
          sessionId: fakeSession.user.sessionId,
        }
      : null,
  handlers: {},
  signIn: async () => undefined,
  signOut: async () => undefined,
};

export const fakeHeaders = {
  headers: async () => new Headers(fakeSession.tenantId ? { "x-tenant-id": fakeSession.tenantId } : {}),
  cookies: async () => ({
    get: (name: string) =>
      fakeSession.cookies.has(name) ? { name, value: fakeSession.cookies.get(name) as string } : undefined,
    set: (name: string, value: string) => void fakeSession.cookies.set(name, value),
    delete: (name: string) => void fakeSession.cookies.delete(name),
  }),
};
