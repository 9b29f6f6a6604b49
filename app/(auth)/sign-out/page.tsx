import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { signOut } from "@/lib/auth";
import { getViewer } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign out" };

export default async function SignOutPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  async function signOutAction() {
    "use server";
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
        <Button variant="secondary" asChild><Link href="/">Stay signed in</Link></Button>
      </form>
    </>
  );
}
