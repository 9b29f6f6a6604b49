import type { Metadata } from "next";
import { TopBar } from "@/components/shell/top-bar";
import { Card, CardHeader } from "@/components/ui/card";
import { db } from "@/db";
import { tenantOverview } from "@/db/queries/overview";
import { requirePermission } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Admin console" };

// The console's pages arrive with the admin issue; this overview is already gated and real.
export default async function AdminHome() {
  const viewer = await requirePermission("gatehouse.console");
  const overview = await tenantOverview(await db(), viewer.tenant!.id);
  return (
    <div className="min-h-dvh">
      <TopBar viewer={viewer} />
      <main className="mx-auto max-w-6xl space-y-6 px-4 py-8 sm:px-6">
        <h1 className="text-2xl font-semibold tracking-tight">Admin console · {viewer.tenant!.name}</h1>
        <div className="grid gap-6 sm:grid-cols-3">
          {([["Roles", overview.roles], ["Members", overview.members], ["Pending approvals", overview.pendingApprovals]] as const).map(([label, n]) => (
            <Card key={label}>
              <CardHeader title={label} />
              <p className="px-5 py-4 text-3xl font-semibold tabular-nums">{n}</p>
            </Card>
          ))}
        </div>
      </main>
    </div>
  );
}
