"use client";
import { usePathname } from "next/navigation";
import { ADMIN_SECTIONS } from "@/lib/admin/sections";
import { ROLES_REASON, SUPER_ADMIN_REASON } from "./reasons";

const PLATFORM = ADMIN_SECTIONS.filter((s) => s.requires === "super-admin").map((s) => s.href);

/**
 * forbidden() carries no payload, and app/forbidden.tsx is rendered alongside the page (not after
 * it), so the reason cannot come from the guard. The address can: platform pages are gated by the
 * super-admin account flag alone, which no role grants; anything else is a missing permission.
 */
export function ForbiddenReason() {
  const path = usePathname();
  const platform = PLATFORM.some((href) => path === href || path.startsWith(`${href}/`));
  return platform ? SUPER_ADMIN_REASON : ROLES_REASON;
}
