import type { ApiProblem } from "@/lib/query/api";
import type { ModuleItem } from "@/lib/query/catalog";
import type { UserPermission } from "@/lib/query/users";
import type { Change } from "./pending-changes";

export interface ModuleIndex {
  name: Map<string, string>;
  order: Map<string, number>;
  /** Options of the module filter: top-level modules, each followed by its children. */
  options: { id: string; label: string }[];
  /** A module and all the modules under it. */
  subtree: (id: string) => string[];
}

export function moduleIndex(list: ModuleItem[]): ModuleIndex {
  const name = new Map(list.map((m) => [m.id, m.name]));
  const order = new Map(list.map((m) => [m.id, m.sort_order]));
  const children = new Map<string, string[]>();
  for (const m of list) if (m.parent_id) children.set(m.parent_id, [...(children.get(m.parent_id) ?? []), m.id]);
  const options = list
    .filter((m) => !m.parent_id)
    .flatMap((m) => [
      { id: m.id, label: m.name },
      ...(children.get(m.id) ?? []).map((c) => ({ id: c, label: `— ${name.get(c)}` })),
    ]);
  const subtree = (id: string): string[] => [id, ...(children.get(id) ?? []).flatMap(subtree)];
  return { name, order, options, subtree };
}

export type Item =
  | { kind: "module"; id: string; name: string; count: number; granted: number }
  | { kind: "perm"; p: UserPermission };

/** Module heading rows, then their permissions; without the module catalog, one flat list. */
export function groupByModule(rows: UserPermission[], modules: Pick<ModuleIndex, "name" | "order">): Item[] {
  if (modules.name.size === 0) return rows.map((p) => ({ kind: "perm", p }));
  const groups = new Map<string, UserPermission[]>();
  for (const p of rows) {
    const key = p.module_id && modules.name.has(p.module_id) ? p.module_id : "";
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  const rank = (id: string) => (id ? (modules.order.get(id) ?? 0) : Number.MAX_SAFE_INTEGER);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .flatMap(([id, ps]) => [
      {
        kind: "module" as const,
        id: id || "none",
        name: id ? modules.name.get(id)! : "Other",
        count: ps.length,
        granted: ps.filter((p) => p.granted).length,
      },
      ...ps.map((p) => ({ kind: "perm" as const, p })),
    ]);
}

/** `permissions.3.expires_at: Must be in the future` → `{ [code of the 4th change]: "Expiry: Must be in the future" }`. */
export function fieldErrorsByCode(error: ApiProblem, sent: Change[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of error.fieldErrors) {
    const m = /permissions\.(\d+)\.(\w+)/.exec(f.path);
    const change = m ? sent[Number(m[1])] : undefined;
    if (change)
      out[change.code] =
        `${m![2] === "expires_at" ? "Expiry" : m![2] === "notes" ? "Notes" : "Override"}: ${f.message}`;
  }
  return out;
}
