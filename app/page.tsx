import { ArrowRight, CalendarClock, KeyRound, LayoutGrid, ShieldCheck } from "lucide-react";
import Link from "next/link";
import { TopBar } from "@/components/shell/top-bar";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { db } from "@/db";
import { rolesOfUser } from "@/db/queries/roles";
import { requireViewer } from "@/lib/auth/session";
import { viewerCan, viewerEffectivePermissions } from "@/lib/permissions/server";

export default async function HomePage() {
  const viewer = await requireViewer();
  const { tenant, user } = viewer;
  const [roles, effective, canAdmin] = await Promise.all([
    tenant ? rolesOfUser(await db(), tenant.id, user.id) : [],
    viewerEffectivePermissions(viewer),
    viewerCan(viewer, "gatehouse.console"),
  ]);
  const now = Date.now();
  const byArea = new Map<string, number>();
  for (const code of effective.codes) {
    const area = code.split(/[._]/)[0]!;
    byArea.set(area, (byArea.get(area) ?? 0) + 1);
  }
  const areas = [...byArea.entries()].sort((a, b) => b[1] - a[1]);

  return (
    <div className="min-h-dvh">
      <TopBar viewer={viewer} />
      <main className="mx-auto max-w-6xl space-y-6 px-4 py-8 sm:px-6">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <p className="text-sm text-slate-500">{tenant ? tenant.name : "No organization yet"}</p>
            <h1 className="mt-1 text-2xl font-semibold tracking-tight">Welcome, {user.name.split(" ")[0]}</h1>
            <p className="mt-1 text-sm text-slate-500">{user.email}</p>
          </div>
          <div className="flex flex-wrap gap-2">
            {tenant && (
              <Link href="/app" className="inline-flex h-10 items-center gap-2 rounded-lg bg-white px-4 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50">
                <LayoutGrid className="size-4 text-brand-600" aria-hidden /> Open the app <ArrowRight className="size-4" aria-hidden />
              </Link>
            )}
            {canAdmin && (
              <Link href="/admin" className="inline-flex h-10 items-center gap-2 rounded-lg bg-brand-600 px-4 text-sm font-medium text-white shadow-sm hover:bg-brand-700">
                <ShieldCheck className="size-4" aria-hidden /> Open the admin console <ArrowRight className="size-4" aria-hidden />
              </Link>
            )}
          </div>
        </div>

        <div className="grid gap-6 md:grid-cols-3">
          <Card>
            <CardHeader title="Organization" description="Where you are acting now" />
            <dl className="space-y-3 px-5 py-4 text-sm">
              <div className="flex justify-between gap-3"><dt className="text-slate-500">Tenant</dt><dd className="font-medium" data-testid="tenant-name">{tenant?.name ?? "—"}</dd></div>
              <div className="flex justify-between gap-3"><dt className="text-slate-500">Plan</dt><dd>{tenant?.planName ? <Badge tone="brand">{tenant.planName}</Badge> : <span className="text-slate-400">No plan</span>}</dd></div>
              <div className="flex justify-between gap-3"><dt className="text-slate-500">Your tenants</dt><dd>{viewer.tenants.length}</dd></div>
              {user.isSuperAdmin && <div className="flex justify-between gap-3"><dt className="text-slate-500">Access</dt><dd><Badge tone="amber">Platform super-admin</Badge></dd></div>}
            </dl>
          </Card>

          <Card>
            <CardHeader title="Your roles" description={tenant ? `In ${tenant.name}` : undefined} />
            <ul className="divide-y divide-slate-100" data-testid="role-list">
              {roles.length === 0 && <li className="px-5 py-4 text-sm text-slate-500">{user.isSuperAdmin ? "None needed: super-admins are granted everything." : "No roles yet. Ask an administrator."}</li>}
              {roles.map((r) => {
                const expired = r.expiresAt && r.expiresAt.getTime() <= now;
                return (
                  <li key={r.id} className="flex items-start justify-between gap-3 px-5 py-3">
                    <div>
                      <p className="text-sm font-medium">{r.name}</p>
                      {r.description && <p className="text-xs text-slate-500">{r.description}</p>}
                    </div>
                    <div className="flex shrink-0 flex-col items-end gap-1">
                      {r.isSystem && <Badge>system</Badge>}
                      {r.expiresAt && (
                        <Badge tone={expired ? "red" : "amber"}>
                          <CalendarClock className="size-3" aria-hidden />
                          {expired ? "expired" : `until ${r.expiresAt.toISOString().slice(0, 10)}`}
                        </Badge>
                      )}
                    </div>
                  </li>
                );
              })}
            </ul>
          </Card>

          <Card>
            <CardHeader title="What you can do" description="Your effective permissions, by area" />
            <div className="px-5 py-4">
              <p className="text-3xl font-semibold tabular-nums" data-testid="permission-count">{effective.codes.length}</p>
              <p className="text-sm text-slate-500">permissions granted</p>
              <ul className="mt-4 flex flex-wrap gap-1.5">
                {areas.slice(0, 12).map(([area, n]) => (
                  <li key={area}><Badge tone="slate"><span className="font-mono">{area}</span> · {n}</Badge></li>
                ))}
              </ul>
            </div>
          </Card>
        </div>

        <Card>
          <CardHeader title="Where to next" />
          <div className="grid gap-px bg-slate-100 sm:grid-cols-3">
            {[
              { icon: LayoutGrid, title: "Your workspace", text: "Sites, jobs and the ERP screens your permissions open.", href: tenant ? "/app" : null },
              { icon: ShieldCheck, title: "Admin console", text: canAdmin ? "Roles, the permission matrix, users and approvals." : "Ask an administrator if you need to manage access.", href: canAdmin ? "/admin" : null },
              { icon: KeyRound, title: "API", text: "External apps check permissions with an API key.", href: null },
            ].map(({ icon: Icon, title, text, href }) => (
              <div key={title} className="bg-white p-5">
                <Icon className="size-5 text-brand-600" aria-hidden />
                <p className="mt-3 text-sm font-medium">{href ? <Link className="hover:underline" href={href}>{title}</Link> : title}</p>
                <p className="mt-1 text-sm text-slate-500">{text}</p>
              </div>
            ))}
          </div>
        </Card>
      </main>
    </div>
  );
}
