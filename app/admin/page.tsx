import { count, eq, and } from "drizzle-orm";
import type { Metadata } from "next";
import { TopBar } from "@/components/shell/top-bar";
import { Card, CardHeader } from "@/components/ui/card";
import { db } from "@/db";
import { approvalRequests, memberships, roles } from "@/db/schema";
import { requirePermission } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Admin console" };

// The console's pages arrive with the admin issue; this overview is already gated and real.
export default async function AdminHome() {
  const viewer = await requirePermission("gatehouse.console");
  const tenantId = viewer.tenant!.id;
  const database = await db();
  const [[r], [m], [a]] = await Promise.all([
    database.select({ n: count() }).from(roles).where(eq(roles.tenantId, tenantId)),
    database.select({ n: count() }).from(memberships).where(eq(memberships.tenantId, tenantId)),
    database.select({ n: count() }).from(approvalRequests).where(and(eq(approvalRequests.tenantId, tenantId), eq(approvalRequests.status, "pending"))),
  ]);
  return (
    <div className="min-h-dvh">
      <TopBar viewer={viewer} />
      <main className="mx-auto max-w-6xl space-y-6 px-4 py-8 sm:px-6">
        <h1 className="text-2xl font-semibold tracking-tight">Admin console · {viewer.tenant!.name}</h1>
        <div className="grid gap-6 sm:grid-cols-3">
          {[["Roles", r?.n], ["Members", m?.n], ["Pending approvals", a?.n]].map(([label, n]) => (
            <Card key={String(label)}>
              <CardHeader title={String(label)} />
              <p className="px-5 py-4 text-3xl font-semibold tabular-nums">{n ?? 0}</p>
            </Card>
          ))}
        </div>
      </main>
    </div>
  );
}
