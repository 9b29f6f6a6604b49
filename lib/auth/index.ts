import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/db";
import { findUserByEmail } from "@/db/queries/users";
import { clientIp } from "@/lib/http/client-ip";
import { rateLimits } from "@/lib/http/rate-limit";
import { signInFields } from "@/lib/validation/sign-in";
import { authConfig } from "./config";
import { dummyHash, verifyPassword } from "./password";
import { signInThrottle } from "./throttle-scope";

export class AccountDisabled extends CredentialsSignin {
  code = "account_disabled";
}

/** Too many attempts for this email or from this IP; the password was not even looked at. */
export class SignInThrottled extends CredentialsSignin {
  code = "rate_limited";
  constructor(readonly retryAfter: number) {
    super();
  }
}

export const signInSchema = z.object(signInFields);

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      // Limited here rather than in the sign-in action, so posting to the Auth.js callback directly is limited too.
      async authorize(input, request) {
        const parsed = signInSchema.safeParse(input);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const outcome = await (await rateLimits()).signIn(
          { email, ip: clientIp(request.headers) },
          async () => {
            const user = await findUserByEmail(await db(), email);
            // Verify against a dummy hash for unknown users so the timing does not reveal who exists.
            const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
            return ok ? user : undefined;
          },
          (user) => user?.status === "active",
        );
        if (outcome.limited) {
          const scope = signInThrottle.getStore();
          if (scope) scope.retryAfter = outcome.retryAfter;
          throw new SignInThrottled(outcome.retryAfter);
        }
        const user = outcome.result;
        if (!user) return null;
        if (user.status !== "active") throw new AccountDisabled();
        return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
      },
    }),
  ],
});
