"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { LogOut, Shield, ShieldCheck } from "lucide-react";
import Link from "next/link";
import { initials } from "@/lib/utils";

export function UserMenu({ name, email, isSuperAdmin }: { name: string; email: string; isSuperAdmin: boolean }) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label="Account menu"
        className="flex items-center gap-2 rounded-full p-0.5 pr-2 hover:bg-slate-100"
      >
        <span className="grid size-8 place-items-center rounded-full bg-brand-100 text-xs font-semibold text-brand-700">
          {initials(name)}
        </span>
        <span className="hidden text-sm font-medium text-slate-700 sm:block">{name}</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-50 w-64 rounded-xl border border-slate-200 bg-white p-1 shadow-lg"
        >
          <div className="px-2.5 py-2">
            <p className="text-sm font-medium">{name}</p>
            <p className="truncate text-xs text-slate-500">{email}</p>
            {isSuperAdmin && (
              <p className="mt-1.5 inline-flex items-center gap-1 text-xs font-medium text-brand-700">
                <Shield className="size-3.5" aria-hidden /> Platform super-admin
              </p>
            )}
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-100" />
          <DropdownMenu.Item
            asChild
            className="flex cursor-pointer items-center gap-2 rounded-lg px-2.5 py-2 text-sm outline-none data-[highlighted]:bg-slate-100"
          >
            <Link href="/account/security">
              <ShieldCheck className="size-4 text-slate-500" aria-hidden /> Security &amp; MFA
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item
            asChild
            className="flex cursor-pointer items-center gap-2 rounded-lg px-2.5 py-2 text-sm outline-none data-[highlighted]:bg-slate-100"
          >
            <Link href="/sign-out">
              <LogOut className="size-4 text-slate-500" aria-hidden /> Sign out
            </Link>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
