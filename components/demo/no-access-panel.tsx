import { ShieldX } from "lucide-react";
import Link from "next/link";
import { Card } from "@/components/ui/card";

/**
 * A page open to holders of any of several permissions, opened by someone holding none: the same
 * words as the 403 page, inside the product's frame, naming every permission that would open it.
 */
export function NoAccessPanel({ feature, anyOf }: { feature: string; anyOf: readonly string[] }) {
  return (
    <Card
      className="mx-auto mt-6 max-w-xl px-6 py-10 text-center"
      data-testid="no-access"
      data-missing={anyOf.join(" ")}
    >
      <span className="mx-auto grid size-12 place-items-center rounded-full bg-red-50 text-red-600">
        <ShieldX className="size-6" aria-hidden />
      </span>
      <h1 className="mt-4 text-xl font-semibold tracking-tight">You don’t have access to this page</h1>
      <p className="mt-2 text-sm text-slate-600">
        {anyOf.length === 1
          ? `${feature} needs this permission, and your roles do not grant it.`
          : `${feature} opens with any one of these permissions; your roles grant none of them.`}
      </p>
      <ul className="mt-4 flex flex-wrap justify-center gap-1.5">
        {anyOf.map((code) => (
          <li key={code}>
            <code className="whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
              {code}
            </code>
          </li>
        ))}
      </ul>
      <p className="mt-4 text-xs text-slate-500">
        Ask an administrator of your organization if you need one.{" "}
        <Link href="/app" className="font-medium text-brand-700 hover:underline">
          Back to your workspace
        </Link>
      </p>
    </Card>
  );
}
