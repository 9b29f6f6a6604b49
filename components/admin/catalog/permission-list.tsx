"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { ChevronRight } from "lucide-react";
import { useRef } from "react";
import type { CatalogPermission } from "@/lib/query/catalog";
import { cn } from "@/lib/utils";
import { CategoryBadge, OriginBadge, PermissionFlags, RiskBadge } from "./permission-badges";

const ROW_HEIGHT = 64;

/**
 * The filtered permissions, virtualised (a catalog may hold thousands): one row a permission,
 * a click opens its detail drawer.
 */
export function PermissionList({
  permissions,
  selectedId,
  onOpen,
}: {
  permissions: CatalogPermission[];
  selectedId: string | null;
  onOpen: (p: CatalogPermission) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: permissions.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // Lets the server render the first rows too.
    initialRect: { width: 900, height: 720 },
    getItemKey: (i) => permissions[i]!.id,
  });
  return (
    <div
      ref={scrollRef}
      className="h-[calc(100dvh-19rem)] min-h-[28rem] overflow-y-auto"
      role="region"
      aria-label="Permissions list"
      tabIndex={-1}
    >
      <ul aria-label="Permissions" className="relative" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const p = permissions[v.index]!;
          return (
            <li key={v.key} className="absolute inset-x-0" style={{ top: v.start, height: ROW_HEIGHT }}>
              <button
                type="button"
                onClick={() => onOpen(p)}
                aria-label={`${p.code} — ${p.name}`}
                className={cn(
                  "group flex h-full w-full items-center gap-4 border-b border-slate-100 px-4 text-left transition-colors hover:bg-slate-50",
                  selectedId === p.id && "bg-brand-50/60",
                  (p.deprecated || !p.is_active) && "text-slate-500",
                )}
              >
                <span className="min-w-0 flex-1">
                  <span className="flex items-center gap-2">
                    <code
                      className={cn(
                        "truncate font-mono text-[13px] text-slate-900",
                        p.deprecated && "line-through decoration-slate-400",
                      )}
                    >
                      {p.code}
                    </code>
                  </span>
                  <span className="mt-0.5 flex items-center gap-2 text-xs text-slate-500">
                    <span className="truncate">{p.name}</span>
                    {p.module_name && (
                      <>
                        <span aria-hidden>·</span>
                        <span className="truncate">{p.module_name}</span>
                      </>
                    )}
                  </span>
                </span>
                <span className="hidden shrink-0 items-center gap-1.5 lg:flex">
                  <PermissionFlags permission={p} compact />
                </span>
                <span className="hidden w-24 shrink-0 sm:block">
                  <CategoryBadge category={p.category} />
                </span>
                <span className="w-20 shrink-0">
                  <RiskBadge risk={p.risk_level} />
                </span>
                <span className="hidden w-20 shrink-0 md:block">
                  <OriginBadge permission={p} />
                </span>
                <ChevronRight className="size-4 shrink-0 text-slate-300 group-hover:text-slate-500" aria-hidden />
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
