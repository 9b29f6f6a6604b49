import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { signOut } from "@/lib/auth";
import { STEP_UP_COOKIE } from "@/lib/auth/mfa";
import { getViewer } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign out" };

export default async function SignOutPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  async function signOutAction() {
    "use server";
    // A step-up verification belongs to this sign-in: it must not survive into the next one.
    (await cookies()).delete(STEP_UP_COOKIE);
    await signOut({ redirectTo: "/sign-in?signed_out=1" });
  }
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Sign out?</h1>
      <p className="mt-2 mb-8 text-sm text-slate-500">
        You are signed in as <span className="font-medium text-slate-700">{viewer.user.email}</span>.
      </p>
      <form action={signOutAction} className="flex gap-3">
        <Button type="submit">Sign out</Button>
        <Button variant="secondary" asChild>
          <Link href="/">Stay signed in</Link>
        </Button>
      </form>
    </>
  );
}
