/**
 * The catalog side of compiling a snapshot: which permissions the tenant sees, subtrees as index
 * ranges, the plan gate of every code and the dependency walk of every code.
 */
import { compareCodes, isSelfOrAncestor } from "./codes";
import type { PolicySnapshot, SnapshotMenuItem, SnapshotPermission } from "./types";

/** One step of a code's dependency walk; `idx` -1 when the code is not in the catalog. */
export interface DependencyStep {
  idx: number;
  code: string;
}

/** The most specific active menu item owning a code, and whether the plan gates it out. */
export interface PlanGate {
  item: SnapshotMenuItem;
  blocked: boolean;
}

function lowerBound(codes: string[], key: string): number {
  let lo = 0;
  let hi = codes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((codes[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Catalog indexes of `code` and everything below it. */
export function subtreeIndexes(codes: string[], code: string): number[] {
  const out: number[] = [];
  const end = lowerBound(codes, code + "/");
  for (let i = lowerBound(codes, code); i < end; i++) if (isSelfOrAncestor(code, codes[i] as string)) out.push(i);
  return out;
}

/** Global catalog plus the tenant's own; a global code wins over a custom one reusing it. */
export function catalogOf(snapshot: PolicySnapshot): Map<string, SnapshotPermission> {
  const byCode = new Map<string, SnapshotPermission>();
  for (const p of snapshot.permissions) {
    if (p.tenantId !== null && p.tenantId !== snapshot.tenantId) continue;
    const seen = byCode.get(p.code);
    if (seen === undefined || (seen.tenantId !== null && p.tenantId === null)) byCode.set(p.code, p);
  }
  return byCode;
}

export function planGates(snapshot: PolicySnapshot, prefixes: string[][]): (PlanGate | null)[] {
  const itemsByResource = new Map<string, SnapshotMenuItem[]>();
  for (const item of snapshot.menuItems) {
    if (!item.isActive) continue;
    const list = itemsByResource.get(item.resource) ?? [];
    list.push(item);
    itemsByResource.set(item.resource, list);
  }
  const included = new Set(snapshot.planMenuItemIds);
  return prefixes.map((chain) => {
    for (const p of chain) {
      const items = itemsByResource.get(p);
      if (items === undefined) continue;
      // Several items owning the same resource: the code is reachable if any is in the plan;
      // otherwise the first by code (then id) is named.
      const sorted = [...items].sort((a, b) => compareCodes(a.code, b.code) || compareCodes(a.id, b.id));
      const inPlan = sorted.find((i) => included.has(i.id));
      return {
        item: inPlan ?? (sorted[0] as SnapshotMenuItem),
        blocked: snapshot.plan !== null && inPlan === undefined,
      };
    }
    return null;
  });
}

/** Depth-first preorder over direct dependencies in ascending code order, each code once. */
export function dependencyWalks(
  snapshot: PolicySnapshot,
  codes: string[],
  codeIndex: Map<string, number>,
): DependencyStep[][] {
  const direct = new Map<string, string[]>();
  for (const d of snapshot.dependencies) {
    const list = direct.get(d.code) ?? [];
    if (!list.includes(d.dependsOn)) list.push(d.dependsOn);
    direct.set(d.code, list);
  }
  for (const list of direct.values()) list.sort(compareCodes);
  return codes.map((root) => {
    const walk: DependencyStep[] = [];
    const visited = new Set<string>([root]);
    const visit = (code: string): void => {
      for (const dep of direct.get(code) ?? []) {
        if (visited.has(dep)) continue;
        visited.add(dep);
        walk.push({ idx: codeIndex.get(dep) ?? -1, code: dep });
        visit(dep);
      }
    };
    visit(root);
    return walk;
  });
}
