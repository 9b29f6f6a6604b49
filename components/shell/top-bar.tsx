import Link from "next/link";
import { Brand } from "@/components/brand";
import type { Viewer } from "@/lib/auth/session";
import { TenantSwitcher } from "./tenant-switcher";
import { UserMenu } from "./user-menu";

export function TopBar({ viewer, wide = false }: { viewer: Viewer; wide?: boolean }) {
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className={`mx-auto flex h-14 items-center gap-4 px-4 sm:px-6 ${wide ? "max-w-[1600px]" : "max-w-6xl"}`}>
        <Link href="/" aria-label="Gatehouse home"><Brand /></Link>
        <span className="h-6 w-px bg-slate-200" aria-hidden />
        <TenantSwitcher current={viewer.tenant} tenants={viewer.tenants} />
        <div className="ml-auto">
          <UserMenu name={viewer.user.name} email={viewer.user.email} isSuperAdmin={viewer.user.isSuperAdmin} />
        </div>
      </div>
    </header>
  );
}
