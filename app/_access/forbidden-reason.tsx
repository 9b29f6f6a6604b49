"use client";
import { usePathname } from "next/navigation";
import { ADMIN_SECTIONS } from "@/lib/admin/sections";
import { ROLES_REASON, SUPER_ADMIN_REASON } from "./reasons";

/**
 * forbidden() carries no payload, and app/forbidden.tsx is rendered alongside the page (not after
 * it), so the reason cannot come from the guard. The address can: each console section declares
 * its permission once (lib/admin/sections.ts), and platform pages are gated by the super-admin
 * account flag alone, which no role grants.
 */
export function ForbiddenReason() {
  const path = usePathname();
  const section = ADMIN_SECTIONS.filter((s) => path === s.href || path.startsWith(`${s.href}/`)).sort(
    (a, b) => b.href.length - a.href.length,
  )[0];
  if (section?.requires === "super-admin") return SUPER_ADMIN_REASON;
  if (!section) return ROLES_REASON;
  return (
    <>
      It requires <code className="rounded bg-slate-100 px-1 font-mono text-xs">{section.requires}</code>.{" "}
      {ROLES_REASON}
    </>
  );
}
