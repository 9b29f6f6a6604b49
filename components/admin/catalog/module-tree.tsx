"use client";
import { ChevronRight, Folder, FolderOpen, Layers } from "lucide-react";
import { useState } from "react";
import type { ModuleNode } from "@/lib/query/catalog";
import { cn } from "@/lib/utils";
import { type ModuleSelection, sortedModules } from "./model";

/**
 * The module tree: a node selects its module (and everything below it); the chevron folds it.
 * Counts are the permissions the other filters leave, descendants included.
 */
export function ModuleTree({
  modules,
  counts,
  total,
  ungrouped,
  selected,
  onSelect,
}: {
  modules: ModuleNode[];
  counts: Map<string, number>;
  total: number;
  ungrouped: number;
  selected: ModuleSelection;
  onSelect: (m: ModuleSelection) => void;
}) {
  const [open, setOpen] = useState<Set<string>>(() => new Set(modules.map((m) => m.id)));
  const toggle = (id: string) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  return (
    <nav aria-label="Modules" className="text-sm">
      <ul className="space-y-0.5">
        <li className="flex">
          <TreeButton
            label="All modules"
            count={total}
            active={selected === null}
            onClick={() => onSelect(null)}
            icon={<Layers className="size-4" aria-hidden />}
            depth={0}
          />
        </li>
        {sortedModules(modules).map((m) => (
          <Node
            key={m.id}
            node={m}
            depth={0}
            counts={counts}
            open={open}
            toggle={toggle}
            selected={selected}
            onSelect={onSelect}
          />
        ))}
        {ungrouped > 0 && (
          <li className="flex">
            <TreeButton
              label="No module"
              count={ungrouped}
              active={selected === "ungrouped"}
              onClick={() => onSelect("ungrouped")}
              icon={<Folder className="size-4" aria-hidden />}
              depth={0}
            />
          </li>
        )}
      </ul>
    </nav>
  );
}

function Node({
  node,
  depth,
  counts,
  open,
  toggle,
  selected,
  onSelect,
}: {
  node: ModuleNode;
  depth: number;
  counts: Map<string, number>;
  open: Set<string>;
  toggle: (id: string) => void;
  selected: ModuleSelection;
  onSelect: (m: ModuleSelection) => void;
}) {
  const hasChildren = node.children.length > 0;
  const isOpen = open.has(node.id);
  return (
    <li>
      <div className="flex items-center">
        {hasChildren ? (
          <button
            type="button"
            onClick={() => toggle(node.id)}
            aria-expanded={isOpen}
            aria-label={`${isOpen ? "Collapse" : "Expand"} ${node.name}`}
            className="grid size-6 shrink-0 place-items-center rounded text-slate-400 hover:bg-slate-100 hover:text-slate-700"
            style={{ marginLeft: depth * 12 }}
          >
            <ChevronRight className={cn("size-3.5 transition-transform", isOpen && "rotate-90")} aria-hidden />
          </button>
        ) : (
          <span className="size-6 shrink-0" style={{ marginLeft: depth * 12 }} />
        )}
        <TreeButton
          label={node.name}
          count={counts.get(node.id) ?? 0}
          active={selected === node.id}
          onClick={() => onSelect(node.id)}
          depth={0}
          icon={
            hasChildren && isOpen ? (
              <FolderOpen className="size-4" aria-hidden />
            ) : (
              <Folder className="size-4" aria-hidden />
            )
          }
          muted={!node.is_active}
        />
      </div>
      {hasChildren && isOpen && (
        <ul className="space-y-0.5">
          {sortedModules(node.children).map((c) => (
            <Node
              key={c.id}
              node={c}
              depth={depth + 1}
              counts={counts}
              open={open}
              toggle={toggle}
              selected={selected}
              onSelect={onSelect}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

function TreeButton({
  label,
  count,
  active,
  onClick,
  icon,
  depth,
  muted = false,
}: {
  label: string;
  count: number;
  active: boolean;
  onClick: () => void;
  icon: React.ReactNode;
  depth: number;
  muted?: boolean;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-current={active ? "true" : undefined}
      className={cn(
        "flex min-w-0 flex-1 items-center gap-2 rounded-lg px-2 py-1.5 text-left transition-colors",
        active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
        muted && "italic text-slate-400",
      )}
      style={{ paddingLeft: 8 + depth * 12 }}
    >
      <span className={cn("shrink-0", active ? "text-brand-600" : "text-slate-400")}>{icon}</span>
      <span className="min-w-0 flex-1 truncate">{label}</span>
      <span
        className={cn(
          "shrink-0 rounded-full px-1.5 text-xs tabular-nums",
          active ? "bg-brand-100 text-brand-700" : "bg-slate-100 text-slate-500",
          count === 0 && "opacity-50",
        )}
      >
        {count}
      </span>
    </button>
  );
}
