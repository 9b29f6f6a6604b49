import { NextResponse } from "next/server";
import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/config";

/**
 * Sends signed-out visitors of pages to the sign-in page. Convenience only: every page, action and
 * route checks the session and its permission on the server itself.
 */
const { auth } = NextAuth(authConfig);

export const proxy = auth((req) => {
  if (req.auth) return NextResponse.next();
  const url = new URL("/sign-in", req.nextUrl);
  const next = req.nextUrl.pathname + req.nextUrl.search;
  if (next !== "/") url.searchParams.set("next", next);
  return NextResponse.redirect(url);
});

export const config = {
  // Files from public/ are for everyone, the sign-in page and crawlers included; so is the page an invitation link opens.
  matcher: ["/((?!api/|_next/|sign-in|invite/|docs/|favicon\\.ico|favicon\\.svg|robots\\.txt).*)"],
};
