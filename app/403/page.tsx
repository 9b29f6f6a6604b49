import type { Metadata } from "next";
import { AccessDenied } from "../_access/access-denied";
import { ROLES_REASON, SUPER_ADMIN_REASON } from "../_access/reasons";

export const metadata: Metadata = { title: "Not allowed" };

/** Platform pages are not gated by a permission but by the account flag (DESIGN §1). */
const SUPER_ADMIN = new Set(["super-admin", "platform super-admin"]);

/**
 * Where a guard that still redirects sends the viewer (lib/auth/guards.ts, until it calls
 * forbidden() like lib/admin/page.ts): the same page as app/forbidden.tsx, naming the permission.
 */
export default async function ForbiddenPage({
  searchParams,
}: {
  searchParams: Promise<{ permission?: string; reason?: string }>;
}) {
  const { permission, reason } = await searchParams;
  const superAdminOnly = reason === "super-admin" || (permission !== undefined && SUPER_ADMIN.has(permission));
  return (
    <AccessDenied
      consoleDenied={permission === "gatehouse.console"}
      reason={
        superAdminOnly ? (
          SUPER_ADMIN_REASON
        ) : permission ? (
          <>
            It requires the permission{" "}
            <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-700">{permission}</code>, which
            your roles do not grant. Ask an administrator of your organization if you need it.
          </>
        ) : (
          ROLES_REASON
        )
      }
    />
  );
}
