import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/db";
import { insertSession, revokeSessions } from "@/db/queries/sessions";
import { findUserByEmail } from "@/db/queries/users";
import { clientIp } from "@/lib/http/client-ip";
import { rateLimits } from "@/lib/http/rate-limit";
import { signInFields } from "@/lib/validation/sign-in";
import { authConfig } from "./config";
import { liveSessions } from "./live-sessions";
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

const SESSION_SECONDS = authConfig.session.maxAge;

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  callbacks: {
    ...authConfig.callbacks,
    // At sign-in (`user` is there only then) the session is recorded server-side and the token
    // names it: from now on a request is served only while that row is live (lib/auth/live-sessions.ts).
    async jwt(params) {
      const token = authConfig.callbacks.jwt(params);
      const { user } = params;
      if (user?.id) {
        const row = await insertSession(await db(), {
          userId: user.id,
          expiresAt: new Date(Date.now() + SESSION_SECONDS * 1000),
          userAgent: user.userAgent ?? null,
          ip: user.ip ?? null,
        });
        token.sid = row.id;
      }
      return token;
    },
  },
  events: {
    // Sign-out ends the session row, on every instance (the NOTIFY goes out at commit): a copy of
    // the cookie replayed afterwards is refused.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (!token?.sid || !token.uid) return;
      const { sid, uid } = token;
      await (await db()).transaction((tx) => revokeSessions(tx, uid, { only: [sid] }));
      (await liveSessions()).forget([sid]);
    },
  },
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
        return {
          id: user.id,
          email: user.email,
          name: user.name,
          sessionVersion: user.sessionVersion,
          userAgent: request.headers.get("user-agent")?.slice(0, 300) ?? null,
          ip: clientIp(request.headers),
        };
      },
    }),
  ],
});
