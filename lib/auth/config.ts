import "server-only";
import type { NextAuthConfig } from "next-auth";
import { authSecret } from "./secret";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    sessionVersion?: number;
  }
}
declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
  }
}

/**
 * The provider-free part of the Auth.js config, shared by the proxy. The JWT holds only the user
 * id and the session version: everything else is loaded from the database on every request, so a
 * disabled user or a bumped session version loses access on the next request.
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
      return session;
    },
  },
} satisfies NextAuthConfig;
