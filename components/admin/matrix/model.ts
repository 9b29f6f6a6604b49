/**
 * The matrix's rules, pure: which cells a role holds directly, which it gets from a parent role or
 * a parent code (DESIGN §3.1, §3.2 rule 6) and from where, and what ticking or unticking a cell
 * must also do because of `depends_on`. Pending edits are a map of `role|code` → wanted direct state.
 */

export type Pending = ReadonlyMap<string, boolean>;
export const pendingKey = (roleId: string, code: string) => `${roleId}|${code}`;
export const splitKey = (key: string) => {
  const i = key.indexOf("|");
  return { roleId: key.slice(0, i), code: key.slice(i + 1) };
};

export interface RoleNode {
  id: string;
  name: string;
  is_system: boolean;
  grants_all: boolean;
  parent_ids: string[];
}

/** Where an inherited grant comes from: a parent role (`roleId`), a parent code (`code`), or both. */
export interface GrantSource {
  roleId?: string;
  code?: string;
}
export type Cell = { kind: "all" } | { kind: "direct" } | { kind: "inherited"; source: GrantSource } | { kind: "none" };

const prefixCache = new Map<string, string[]>();
/** `a.b.c` → `["a.b", "a"]`: the codes whose grant implies this one, most specific first. */
export function ancestorCodes(code: string): string[] {
  let out = prefixCache.get(code);
  if (!out) {
    const parts = code.split(".");
    out = [];
    for (let n = parts.length - 1; n >= 1; n--) out.push(parts.slice(0, n).join("."));
    prefixCache.set(code, out);
  }
  return out;
}

/** Every role a role inherits from, nearest first (a cycle, which the server refuses, cannot loop here). */
export function ancestorsOf(roleId: string, byId: ReadonlyMap<string, RoleNode>): string[] {
  const out: string[] = [];
  const seen = new Set([roleId]);
  const queue = [...(byId.get(roleId)?.parent_ids ?? [])];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id) || !byId.has(id)) continue;
    seen.add(id);
    out.push(id);
    queue.push(...byId.get(id)!.parent_ids);
  }
  return out;
}

/** Roles that inherit from `roleId`, transitively. */
export function descendantsOf(roleId: string, byId: ReadonlyMap<string, RoleNode>): string[] {
  return [...byId.keys()].filter((id) => id !== roleId && ancestorsOf(id, byId).includes(roleId));
}

/** The grants of every role with the pending edits applied, and what each role inherits. */
export class MatrixState {
  readonly byId: ReadonlyMap<string, RoleNode>;
  private readonly direct = new Map<string, Set<string>>();
  /** Per role: code → the nearest ancestor role that holds it directly. */
  private readonly fromAncestors = new Map<string, Map<string, string>>();
  /** Per role: an ancestor that holds everything (Admin), if any. */
  private readonly allFrom = new Map<string, string>();

  constructor(roles: RoleNode[], base: Readonly<Record<string, readonly string[]>>, pending: Pending) {
    this.byId = new Map(roles.map((r) => [r.id, r]));
    for (const r of roles) this.direct.set(r.id, new Set(r.grants_all ? [] : (base[r.id] ?? [])));
    for (const [key, want] of pending) {
      const { roleId, code } = splitKey(key);
      const set = this.direct.get(roleId);
      if (set) want ? set.add(code) : set.delete(code);
    }
    for (const r of roles) {
      const index = new Map<string, string>();
      for (const a of ancestorsOf(r.id, this.byId)) {
        if (this.byId.get(a)!.grants_all && !this.allFrom.has(r.id)) this.allFrom.set(r.id, a);
        for (const code of this.direct.get(a)!) if (!index.has(code)) index.set(code, a);
      }
      this.fromAncestors.set(r.id, index);
    }
  }

  directOf(roleId: string): ReadonlySet<string> {
    return this.direct.get(roleId) ?? new Set();
  }

  /** Where the role gets `code` from other than its own grant of exactly `code`, or null. */
  inheritedSource(roleId: string, code: string): GrantSource | null {
    const all = this.allFrom.get(roleId);
    if (all) return { roleId: all };
    const index = this.fromAncestors.get(roleId);
    const own = this.direct.get(roleId);
    if (!index || !own) return null;
    const viaRole = index.get(code);
    if (viaRole) return { roleId: viaRole };
    for (const p of ancestorCodes(code)) {
      if (own.has(p)) return { code: p };
      const r = index.get(p);
      if (r) return { roleId: r, code: p };
    }
    return null;
  }

  cell(roleId: string, code: string): Cell {
    if (this.byId.get(roleId)?.grants_all) return { kind: "all" };
    if (this.direct.get(roleId)?.has(code)) return { kind: "direct" };
    const source = this.inheritedSource(roleId, code);
    return source ? { kind: "inherited", source } : { kind: "none" };
  }

  granted(roleId: string, code: string): boolean {
    return this.cell(roleId, code).kind !== "none";
  }
}

/** `depends_on` edges, walked transitively (acyclic on the server; guarded here anyway). */
export class DependencyGraph {
  private readonly needs = new Map<string, string[]>();
  private readonly neededBy = new Map<string, string[]>();
  private readonly closure = new Map<string, string[]>();

  constructor(edges: readonly { code: string; depends_on: string }[]) {
    for (const e of edges) {
      this.needs.set(e.code, [...(this.needs.get(e.code) ?? []), e.depends_on]);
      this.neededBy.set(e.depends_on, [...(this.neededBy.get(e.depends_on) ?? []), e.code]);
    }
  }

  /** Everything `code` needs, transitively, nearest first. */
  dependsOn(code: string): string[] {
    let out = this.closure.get(code);
    if (!out) {
      out = walk(code, this.needs);
      this.closure.set(code, out);
    }
    return out;
  }

  /** Everything that needs `code`, transitively. */
  requiredBy(code: string): string[] {
    return walk(code, this.neededBy);
  }
}

function walk(start: string, edges: ReadonlyMap<string, string[]>): string[] {
  const seen = new Set([start]);
  const out: string[] = [];
  const queue = [...(edges.get(start) ?? [])];
  while (queue.length) {
    const c = queue.shift()!;
    if (seen.has(c)) continue;
    seen.add(c);
    out.push(c);
    queue.push(...(edges.get(c) ?? []));
  }
  return out;
}

/** The pending map with `codes` set to `want` for a role (edits back to the saved state vanish). */
export function withEdits(
  pending: Pending,
  base: Readonly<Record<string, readonly string[]>>,
  roleId: string,
  codes: readonly string[],
  want: boolean,
): Map<string, boolean> {
  const next = new Map(pending);
  const saved = new Set(base[roleId] ?? []);
  for (const code of codes) {
    const key = pendingKey(roleId, code);
    if (saved.has(code) === want) next.delete(key);
    else next.set(key, want);
  }
  return next;
}

/** Ticking: the codes not yet held, plus what they depend on (transitively) and the role lacks. */
export function planGrant(
  state: MatrixState,
  graph: DependencyGraph,
  roleId: string,
  codes: readonly string[],
  known: ReadonlySet<string>,
) {
  const requested = codes.filter((c) => !state.granted(roleId, c));
  const chosen = new Set(requested);
  const deps: string[] = [];
  for (const c of requested) {
    for (const d of graph.dependsOn(c)) {
      if (!chosen.has(d) && known.has(d) && !state.granted(roleId, d)) chosen.add(d), deps.push(d);
    }
  }
  return { requested, deps, add: [...requested, ...deps] };
}

/**
 * Unticking: the role's own grants among `codes`, and which permissions the role would still hold
 * that depend on something it loses (they would be denied by the dependency rule).
 */
export function planRevoke(
  state: MatrixState,
  graph: DependencyGraph,
  roleId: string,
  codes: readonly string[],
  allCodes: readonly string[],
  rebuild: (pending: Map<string, boolean>) => MatrixState,
  pending: Pending,
  base: Readonly<Record<string, readonly string[]>>,
) {
  const own = state.directOf(roleId);
  const remove = codes.filter((c) => own.has(c));
  const after = rebuild(withEdits(pending, base, roleId, remove, false));
  const lost = new Set(allCodes.filter((c) => state.granted(roleId, c) && !after.granted(roleId, c)));
  const dependents = allCodes
    .filter((c) => !lost.has(c) && after.granted(roleId, c) && graph.dependsOn(c).some((d) => lost.has(d)))
    .map((code) => ({ code, direct: after.directOf(roleId).has(code) }));
  return { remove, dependents };
}
