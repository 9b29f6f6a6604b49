import Link from "next/link";
import { Brand } from "@/components/brand";
import type { Viewer } from "@/lib/auth/principal";
import { TenantSwitcher } from "./tenant-switcher";
import { UserMenu } from "./user-menu";

/** `menu`: a control before the brand (the product's navigation drawer on phones). */
export function TopBar({ viewer, wide = false, menu }: { viewer: Viewer; wide?: boolean; menu?: React.ReactNode }) {
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div
        className={`mx-auto flex h-14 items-center gap-3 px-4 sm:gap-4 sm:px-6 ${wide ? "max-w-[1600px]" : "max-w-6xl"}`}
      >
        {menu}
        <Link href="/" aria-label="Gatehouse home" className="shrink-0">
          <Brand />
        </Link>
        <span className="hidden h-6 w-px bg-slate-200 sm:block" aria-hidden />
        <div className="min-w-0">
          <TenantSwitcher current={viewer.tenant} tenants={viewer.tenants} />
        </div>
        <div className="ml-auto shrink-0">
          <UserMenu name={viewer.user.name} email={viewer.user.email} isSuperAdmin={viewer.user.isSuperAdmin} />
        </div>
      </div>
    </header>
  );
}
