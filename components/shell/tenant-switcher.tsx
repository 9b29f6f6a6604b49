"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { Building2, Check, ChevronsUpDown } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { switchTenantAction } from "@/app/actions/tenant";

export function TenantSwitcher({
  current,
  tenants,
}: {
  current: { id: string; name: string } | null;
  tenants: { id: string; name: string }[];
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const choose = (id: string, name: string) =>
    start(async () => {
      const form = new FormData();
      form.set("tenant_id", id);
      const result = await switchTenantAction(form);
      if (!result.ok) return void toast.error(result.error);
      toast.success(`Switched to ${name}`);
      router.refresh();
    });
  if (tenants.length < 2) {
    return (
      <span className="inline-flex min-w-0 max-w-full items-center gap-2 text-sm font-medium text-slate-700">
        <Building2 className="size-4 shrink-0 text-slate-400" aria-hidden />{" "}
        <span className="truncate">{current?.name ?? "No tenant"}</span>
      </span>
    );
  }
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label="Switch tenant"
        className="inline-flex h-9 min-w-0 max-w-full items-center gap-2 rounded-lg px-2.5 text-sm font-medium text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50 disabled:opacity-60"
        disabled={pending}
      >
        <Building2 className="size-4 shrink-0 text-slate-400" aria-hidden />
        <span className="truncate">{current?.name ?? "Choose a tenant"}</span>
        <ChevronsUpDown className="size-3.5 shrink-0 text-slate-400" aria-hidden />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="start"
          sideOffset={6}
          className="z-50 min-w-56 rounded-xl border border-slate-200 bg-white p-1 shadow-lg"
        >
          <DropdownMenu.Label className="px-2.5 py-1.5 text-xs font-medium text-slate-500">
            Your tenants
          </DropdownMenu.Label>
          {tenants.map((t) => (
            <DropdownMenu.Item
              key={t.id}
              onSelect={() => t.id !== current?.id && choose(t.id, t.name)}
              className="flex cursor-pointer items-center justify-between gap-3 rounded-lg px-2.5 py-2 text-sm outline-none data-[highlighted]:bg-slate-100"
            >
              {t.name}
              {t.id === current?.id && <Check className="size-4 text-brand-600" aria-label="current" />}
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
