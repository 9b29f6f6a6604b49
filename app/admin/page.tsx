import type { Metadata } from "next";
import Link from "next/link";
import { ArrowRight } from "lucide-react";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { tenantOverview } from "@/db/queries/overview";
import { adminPage } from "@/lib/admin/page";

export const metadata: Metadata = { title: "Admin console" };

export default async function AdminHome() {
  const page = await adminPage("gatehouse.console");
  const tenant = page.viewer.tenant!;
  const overview = await tenantOverview(page.db, tenant.id);
  const tiles = [
    { label: "Roles", value: overview.roles, href: "/admin/roles", hint: "Define what each job may do" },
    { label: "Members", value: overview.members, href: "/admin/users", hint: "People in this tenant" },
    { label: "Pending approvals", value: overview.pendingApprovals, href: "/admin/approvals", hint: "Changes waiting for a second admin" },
  ];
  return (
    <>
      <PageHeader title={`Overview · ${tenant.name}`} description={`Roles, permissions and access for ${tenant.name}${tenant.planName ? ` · ${tenant.planName}` : ""}.`} />
      <div className="grid gap-4 sm:grid-cols-3">
        {tiles.map((t) => (
          <Link key={t.label} href={t.href} className="group">
            <Card className="p-5 transition-shadow group-hover:shadow-md">
              <p className="text-sm font-medium text-slate-500">{t.label}</p>
              <p className="mt-1 text-3xl font-semibold tabular-nums text-slate-900">{t.value}</p>
              <p className="mt-2 flex items-center gap-1 text-xs text-slate-500">{t.hint}<ArrowRight className="size-3 opacity-0 transition-opacity group-hover:opacity-100" aria-hidden /></p>
            </Card>
          </Link>
        ))}
      </div>
    </>
  );
}
