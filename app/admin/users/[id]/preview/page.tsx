import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PreviewFrame } from "@/components/product/preview-frame";
import { PageHeader } from "@/components/ui/page-header";
import { sectionPage } from "@/lib/admin/section-page";
import { CONSOLE_CRUMB, visibleSections } from "@/lib/admin/sections";
import { navigationFor } from "@/lib/demo/navigation";
import { tenantDecisions } from "@/lib/permissions/server";
import { userQueries } from "@/lib/query/users";
import { getUser } from "@/lib/services/users";
import { userParams } from "@/lib/validation/users";
import { ConsoleAccess } from "./console-access";
import { PreviewContent } from "./preview-content";

export const metadata: Metadata = { title: "Preview as user" };

/**
 * "Preview as user": the product as one member of this tenant sees it — their sidebar and the
 * demo pages, through the same components, with their effective set decided on the server.
 * Read-only, and no session switch. Unknown ids and other tenants' users are the same 404.
 */
export default async function PreviewAsUserPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ path?: string }>;
}) {
  const page = await sectionPage("/admin/users");
  const parsed = userParams.safeParse(await params);
  if (!parsed.success) notFound();
  const { id } = parsed.data;
  const user = await page.seed(userQueries.detail(id), () => getUser(page.ctx, id));
  const tenant = page.viewer.tenant;
  const compiled = tenant ? await tenantDecisions(tenant.id, [id]) : null;
  if (!tenant || !compiled) notFound();
  const plan = tenant.planCode && tenant.planName ? { code: tenant.planCode, name: tenant.planName } : null;
  const { codes } = compiled.effectivePermissions(id);
  const nav = await navigationFor(page.db, compiled, id, plan);
  const consoleSections = await visibleSections((code) => compiled.decide(id, code).granted, user.is_super_admin);
  const raw = (await searchParams).path ?? "/dashboard";
  const path = raw.startsWith("/") && raw.length <= 200 ? raw : "/dashboard";
  const base = `/admin/users/${id}/preview`;
  return (
    <>
      <PageHeader
        crumbs={[
          CONSOLE_CRUMB,
          { href: "/admin/users", label: "Users" },
          { href: `/admin/users/${id}`, label: user.name },
        ]}
        current="Preview"
        title={`Preview as ${user.name}`}
        description={`${user.email} · ${user.roles.map((r) => r.name).join(", ") || "no roles"} · ${codes.length} permissions in ${tenant.name}`}
      />
      <ConsoleAccess name={user.name} sections={consoleSections.map((s) => s.label)} />
      <PreviewFrame
        subject={user.name}
        base={base}
        path={path}
        menus={nav.menus}
        locked={nav.locked}
        permissions={{
          tenantId: tenant.id,
          codes,
          permVersion: compiled.permVersion,
          map: compiled.permissionMap(id),
          requiresMfa: codes.filter((c) => compiled.decide(id, c).requires_mfa),
        }}
      >
        <PreviewContent
          db={page.db}
          compiled={compiled}
          userId={id}
          subject={user.name}
          path={path}
          menus={nav.menus}
          currentPlan={tenant.planName}
        />
      </PreviewFrame>
    </>
  );
}
