import "server-only";
import type { NextAuthConfig } from "next-auth";
import { authSecret } from "./secret";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
    /** Where the sign-in came from, for the server-side session row (lib/auth/index.ts). */
    userAgent?: string | null;
    ip?: string | null;
  }
  interface Session {
    sessionVersion?: number;
    /** The server-side session row this token stands for (db/schema/sessions.ts). */
    sessionId?: string;
  }
}
declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
    /** The session row's id, set at sign-in: a revoked or expired row ends the token at once. */
    sid?: string;
  }
}

/**
 * The provider-free part of the Auth.js config, shared by the proxy. The JWT holds only the user
 * id, the session version and the server-side session's id (added at sign-in by lib/auth/index.ts,
 * which owns the database): everything else is loaded on every request, so a disabled user, a
 * bumped session version or an ended session loses access on the next request.
 */
export const authConfig = {
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: 60 * 60 * 12 },
  pages: { signIn: "/sign-in" },
  providers: [],
  logger: {
    error(error) {
      // A wrong password is an expected outcome, not a server error worth a stack trace.
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      console.error(error);
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.sv = user.sessionVersion ?? 1;
      }
      return token;
    },
    session({ session, token }) {
      if (token.uid) session.user.id = token.uid;
      session.sessionVersion = token.sv;
      session.sessionId = token.sid;
      return session;
    },
  },
} satisfies NextAuthConfig;
