import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/db";
import { findUserByEmail } from "@/db/queries/users";
import { authConfig } from "./config";
import { dummyHash, verifyPassword } from "./password";

export class AccountDisabled extends CredentialsSignin {
  code = "account_disabled";
}

export const signInSchema = z.object({
  email: z.email("Enter a valid email address").max(254).transform((e) => e.toLowerCase()),
  password: z.string().min(1, "Enter your password").max(200),
});

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(input) {
        const parsed = signInSchema.safeParse(input);
        if (!parsed.success) return null;
        const user = await findUserByEmail(await db(), parsed.data.email);
        // Verify against a dummy hash for unknown users so the timing does not reveal who exists.
        const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), parsed.data.password);
        if (!user || !ok) return null;
        if (user.status !== "active") throw new AccountDisabled();
        return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
      },
    }),
  ],
});
