import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findUserByEmail } from "@/db/queries/users";
import { memberships, tenants, users } from "@/db/schema";
import { seed } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { dummyHash, hashPassword, verifyPassword } from "./password";
import { resolveViewer } from "./viewer";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seed(database.db);
});
afterAll(() => database.destroy());

const tokenOf = async (email: string) => {
  const user = (await findUserByEmail(database.db, email))!;
  return { userId: user.id, sessionVersion: user.sessionVersion };
};

describe("passwords", () => {
  it("are hashed with argon2id and verified", async () => {
    const h = await hashPassword("correct horse");
    expect(h.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(h, "correct horse")).toBe(true);
    expect(await verifyPassword(h, "wrong horse")).toBe(false);
    expect(await verifyPassword("garbage", "x")).toBe(false);
    expect(await verifyPassword(await dummyHash(), "")).toBe(false);
  });
});

describe("resolveViewer", () => {
  it("resolves a member's tenants and honours the wanted tenant only where they are a member", async () => {
    const token = await tokenOf("member@acme.test");
    const [acme] = await database.db.select().from(tenants).where(eq(tenants.slug, "acme"));
    const [globex] = await database.db.select().from(tenants).where(eq(tenants.slug, "globex"));
    const [initech] = await database.db.select().from(tenants).where(eq(tenants.slug, "initech"));
    const v = await resolveViewer(database.db, token, globex!.id);
    expect(v?.tenants.map((t) => t.slug)).toEqual(["acme", "globex"]);
    expect(v?.tenant?.slug).toBe("globex");
    expect((await resolveViewer(database.db, token, initech!.id))?.tenant?.slug).toBe("acme");
    expect((await resolveViewer(database.db, token, acme!.id))?.tenant?.planName).toBe("Enterprise Plan");
  });

  it("a super-admin may act in every tenant", async () => {
    const v = await resolveViewer(database.db, await tokenOf("super@gatehouse.test"), undefined);
    expect(v?.user.isSuperAdmin).toBe(true);
    expect(v?.tenants).toHaveLength(3);
  });

  it("a disabled user loses access on the next request", async () => {
    const token = await tokenOf("viewer@acme.test");
    expect(await resolveViewer(database.db, token, undefined)).not.toBeNull();
    await database.db.update(users).set({ status: "disabled" }).where(eq(users.id, token.userId));
    expect(await resolveViewer(database.db, token, undefined)).toBeNull();
  });

  it("a bumped session version ends older sessions", async () => {
    const token = await tokenOf("lead@acme.test");
    await database.db
      .update(users)
      .set({ sessionVersion: token.sessionVersion + 1 })
      .where(eq(users.id, token.userId));
    expect(await resolveViewer(database.db, token, undefined)).toBeNull();
    expect(
      await resolveViewer(database.db, { ...token, sessionVersion: token.sessionVersion + 1 }, undefined),
    ).not.toBeNull();
  });

  it("a user removed from a tenant no longer acts there", async () => {
    const token = await tokenOf("member@acme.test");
    const [globex] = await database.db.select().from(tenants).where(eq(tenants.slug, "globex"));
    await database.db
      .delete(memberships)
      .where(and(eq(memberships.userId, token.userId), eq(memberships.tenantId, globex!.id)));
    const v = await resolveViewer(database.db, token, globex!.id);
    expect(v?.tenant?.slug).toBe("acme");
    expect(v?.tenants.map((t) => t.slug)).toEqual(["acme"]);
  });
});
