import { ArrowRight, CalendarClock, KeyRound, LayoutGrid, type LucideIcon, ShieldCheck } from "lucide-react";
import Link from "next/link";
import { appHref } from "@/components/product/routes";
import { TopBar } from "@/components/shell/top-bar";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { db } from "@/db";
import { rolesOfUser } from "@/db/queries/roles";
import { CONSOLE_PERMISSION } from "@/lib/admin/sections";
import { can, effectiveCodes } from "@/lib/auth/authorize";
import { userPrincipal } from "@/lib/auth/principal";
import { requireViewer } from "@/lib/auth/session";
import type { MyMenus } from "@/lib/query/me";
import { NO_REQUEST } from "@/lib/services/context";
import { getMyMenus } from "@/lib/services/me";

export default async function HomePage() {
  const viewer = await requireViewer();
  const { tenant, user } = viewer;
  const database = await db();
  const [roles, effective, canAdmin, menus] = await Promise.all([
    tenant ? rolesOfUser(database, tenant.id, user.id) : [],
    effectiveCodes(viewer),
    can(viewer, CONSOLE_PERMISSION),
    tenant
      ? (getMyMenus({ db: database, principal: userPrincipal(viewer), meta: NO_REQUEST }) as Promise<MyMenus>)
      : null,
  ]);
  const screens = menus?.modules.flatMap((m) => m.items) ?? [];
  const now = Date.now();
  const byArea = new Map<string, number>();
  for (const code of effective.codes) {
    const area = code.split(/[._]/)[0]!;
    byArea.set(area, (byArea.get(area) ?? 0) + 1);
  }
  const areas = [...byArea.entries()].sort((a, b) => b[1] - a[1]);
  const AREAS_SHOWN = 12;
  const moreAreas = areas.slice(AREAS_SHOWN);

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
              <Link
                href="/app"
                className="inline-flex h-10 items-center gap-2 rounded-lg bg-white px-4 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50"
              >
                <LayoutGrid className="size-4 text-brand-600" aria-hidden /> Open the app{" "}
                <ArrowRight className="size-4" aria-hidden />
              </Link>
            )}
            {canAdmin && (
              <Link
                href="/admin"
                className="inline-flex h-10 items-center gap-2 rounded-lg bg-brand-600 px-4 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
              >
                <ShieldCheck className="size-4" aria-hidden /> Open the admin console{" "}
                <ArrowRight className="size-4" aria-hidden />
              </Link>
            )}
          </div>
        </div>

        <div className="grid gap-6 md:grid-cols-3">
          <Card>
            <CardHeader title="Organization" description="Where you are acting now" />
            <dl className="space-y-3 px-5 py-4 text-sm">
              <div className="flex justify-between gap-3">
                <dt className="text-slate-500">Tenant</dt>
                <dd className="font-medium" data-testid="tenant-name">
                  {tenant?.name ?? "—"}
                </dd>
              </div>
              <div className="flex justify-between gap-3">
                <dt className="text-slate-500">Plan</dt>
                <dd>
                  {tenant?.planName ? (
                    <Badge tone="brand">{tenant.planName}</Badge>
                  ) : (
                    <span className="text-slate-400">No plan</span>
                  )}
                </dd>
              </div>
              <div className="flex justify-between gap-3">
                <dt className="text-slate-500">Your tenants</dt>
                <dd>{viewer.tenants.length}</dd>
              </div>
              {user.isSuperAdmin && (
                <div className="flex justify-between gap-3">
                  <dt className="text-slate-500">Access</dt>
                  <dd>
                    <Badge tone="amber">Platform super-admin</Badge>
                  </dd>
                </div>
              )}
            </dl>
          </Card>

          <Card>
            <CardHeader title="Your roles" description={tenant ? `In ${tenant.name}` : undefined} />
            <ul className="divide-y divide-slate-100" data-testid="role-list">
              {roles.length === 0 && (
                <li className="px-5 py-4 text-sm text-slate-500">
                  {user.isSuperAdmin
                    ? "None needed: super-admins are granted everything."
                    : "No roles yet. Ask an administrator."}
                </li>
              )}
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
              <p className="text-3xl font-semibold tabular-nums" data-testid="permission-count">
                {effective.codes.length}
              </p>
              <p className="text-sm text-slate-500">permissions granted</p>
              <ul className="mt-4 flex flex-wrap gap-1.5">
                {areas.slice(0, AREAS_SHOWN).map(([area, n]) => (
                  <li key={area}>
                    <Badge tone="slate">
                      <span className="font-mono">{area}</span> · {n}
                    </Badge>
                  </li>
                ))}
                {moreAreas.length > 0 && (
                  <li title={moreAreas.map(([area, n]) => `${area} · ${n}`).join(", ")} data-testid="more-areas">
                    <Badge tone="brand">
                      +{moreAreas.length} more {moreAreas.length === 1 ? "area" : "areas"}
                    </Badge>
                  </li>
                )}
              </ul>
            </div>
          </Card>
        </div>

        <Card>
          <CardHeader title="Where to next" />
          <div className="grid gap-px bg-slate-100 sm:grid-cols-3">
            <div className="bg-white p-5" data-testid="next-workspace">
              <LayoutGrid className="size-5 text-brand-600" aria-hidden />
              <p className="mt-3 text-sm font-medium">Jump into your workspace</p>
              {screens.length > 0 ? (
                <ul className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-sm">
                  {screens.slice(0, 5).map((i) => (
                    <li key={i.id}>
                      <Link href={appHref(i.route)} className="font-medium text-brand-700 hover:underline">
                        {i.name}
                      </Link>
                    </li>
                  ))}
                  {screens.length > 5 && <li className="text-slate-500">+{screens.length - 5} more in the app</li>}
                </ul>
              ) : (
                <p className="mt-1 text-sm text-slate-500">
                  {tenant
                    ? "Your roles open no screen yet: ask an administrator."
                    : "Join an organization to get a workspace."}
                </p>
              )}
            </div>
            <Tile
              icon={ShieldCheck}
              title="Admin console"
              text={
                canAdmin
                  ? "Roles, the permission matrix, users and approvals."
                  : "Managing access is for administrators; ask one if you need a change."
              }
              href={canAdmin ? "/admin" : null}
            />
            <Tile
              icon={KeyRound}
              title="API reference"
              text="External apps check permissions with an API key: the endpoints and their answers."
              href="/docs/api"
            />
          </div>
        </Card>
      </main>
    </div>
  );
}

/** A "where to next" tile: a link (the whole tile) where the viewer may go, plain muted text where they may not. */
function Tile({
  icon: Icon,
  title,
  text,
  href,
}: {
  icon: LucideIcon;
  title: string;
  text: string;
  href: string | null;
}) {
  if (!href) {
    return (
      <div className="bg-white p-5" data-tile={title} data-link="false">
        <Icon className="size-5 text-slate-300" aria-hidden />
        <p className="mt-3 text-sm font-medium text-slate-500">{title}</p>
        <p className="mt-1 text-sm text-slate-500">{text}</p>
      </div>
    );
  }
  return (
    <Link
      href={href}
      className="group block bg-white p-5 outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand-500/40"
      data-tile={title}
      data-link="true"
    >
      <Icon className="size-5 text-brand-600" aria-hidden />
      <p className="mt-3 flex items-center gap-1.5 text-sm font-medium text-brand-700">
        {title} <ArrowRight className="size-3.5 transition-transform group-hover:translate-x-0.5" aria-hidden />
      </p>
      <p className="mt-1 text-sm text-slate-500">{text}</p>
    </Link>
  );
}
