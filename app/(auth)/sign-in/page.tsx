import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getViewer } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; signed_out?: string }>;
}) {
  const { next, signed_out } = await searchParams;
  if (await getViewer()) redirect(next?.startsWith("/") ? next : "/");
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to Gatehouse</h1>
      <p className="mt-2 mb-8 text-sm text-slate-500">Use the account your organization gave you.</p>
      {signed_out && (
        <p
          role="status"
          className="mb-6 rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2.5 text-sm text-emerald-800"
        >
          You are signed out.
        </p>
      )}
      <SignInForm next={next ?? "/"} />
    </>
  );
}
