import { ShieldX } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";

export const metadata: Metadata = { title: "Not allowed" };

export default async function ForbiddenPage({ searchParams }: { searchParams: Promise<{ permission?: string }> }) {
  const { permission } = await searchParams;
  return (
    <main className="grid min-h-dvh place-items-center px-6">
      <div className="max-w-md text-center">
        <span className="mx-auto grid size-12 place-items-center rounded-full bg-red-50 text-red-600"><ShieldX className="size-6" aria-hidden /></span>
        <h1 className="mt-4 text-2xl font-semibold tracking-tight">You don’t have access to this page</h1>
        <p className="mt-2 text-sm text-slate-500">
          {permission ? <>It requires the permission <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-700">{permission}</code>, which your roles do not grant.</> : "Your roles do not grant it."}{" "}
          Ask an administrator of your organization if you need it.
        </p>
        <Button asChild className="mt-6" variant="secondary"><Link href="/">Back to home</Link></Button>
      </div>
    </main>
  );
}
