/**
 * The hot path for the common user: an active member whose decisions come from roles alone (no
 * unexpired override, not a super-admin), in a tenant of at most 30 roles. Without a context,
 * such a user's decision on a code is fixed by four small numbers — the role that `via` names,
 * the assigned role it is held through, the widest holding scope and whether it is conditional
 * (§3.6: held only through scoped or conditioned grants, of the code or a dependency) — or, for a denial, by the
 * set of roles held. With the code they pick a Decision from tables shared by every user of the
 * tenant: no per-user memo, and one user's first question is answered from another's.
 *
 * Tables are filled by the rules themselves (rules.ts), for the first user who needs an entry.
 */
import type { TenantData } from "./compile";
import { SCOPE_RANK } from "./conditions";
import type { Decision } from "./types";

/** Role indexes are bits of a 32-bit integer; beyond this the engine uses its general path. */
export const MAX_MASK_ROLES = 30;

const NOTHING_GRANTS = -1;
const NO_KEY = -2;

export class RoleDecisions {
  /**
   * `role << 3 | scopeRank` of every grant on a code or an ancestor, in `via` order (most
   * specific code, then role); code i's entries are [starts[i], starts[i + 1]).
   */
  private readonly entries: Int32Array;
  private readonly starts: Int32Array;
  /** Per role: the mask of itself and the roles it inherits from. */
  private readonly closureMasks: Int32Array;
  /** Per role: the mask of the roles that hold it (itself and those inheriting it). */
  private readonly heldByMasks: Int32Array;
  /** Per code: the mask of the roles holding a grant on it or an ancestor that needs no context. */
  private readonly unconditional: Int32Array;
  /** Per code: the catalog indexes of the dependencies it needs, transitively. */
  private readonly dependencies: Int32Array[];
  /** Granted decisions by `code index × 16384 + key` (key: role, through, scope, conditional; 14 bits). */
  private readonly granted = new Map<number, Decision>();
  /** Dependency denials per code, by mask of roles held. */
  private readonly dependency = new Map<number, Map<number, Decision>>();
  private remembered = 0;

  private constructor(
    t: TenantData,
    /** Bound on remembered decisions: past it the tables start afresh. */
    private readonly maxRemembered: number,
  ) {
    const n = t.roles.length;
    this.closureMasks = new Int32Array(n);
    this.heldByMasks = new Int32Array(n);
    t.roleClosures.forEach((closure, a) => {
      for (const r of closure) {
        this.closureMasks[a] = (this.closureMasks[a] ?? 0) | (1 << r);
        this.heldByMasks[r] = (this.heldByMasks[r] ?? 0) | (1 << a);
      }
    });
    const all: number[] = [];
    this.starts = new Int32Array(t.codes.length + 1);
    this.unconditional = new Int32Array(t.codes.length);
    t.codes.forEach((code, idx) => {
      this.starts[idx] = all.length;
      let unconditional = 0;
      for (const p of t.prefixes[idx] ?? []) {
        const level: number[] = p === code ? t.grantsAllRoles.map((r) => (r << 3) | SCOPE_RANK.global) : [];
        if (p === code) for (const r of t.grantsAllRoles) unconditional |= 1 << r;
        for (const g of t.grantsByCode.get(p) ?? []) {
          if (g.unreadable) continue; // never counts (conditions.ts)
          level.push((g.roleIdx << 3) | g.scopeRank);
          if (g.unconditional) unconditional |= 1 << g.roleIdx;
        }
        all.push(...level.sort((a, b) => a - b));
      }
      this.unconditional[idx] = unconditional;
    });
    this.dependencies = t.codes.map((_, idx) =>
      Int32Array.from((t.dependencyWalks[idx] ?? []).flatMap((step) => (step.idx >= 0 ? [step.idx] : []))),
    );
    this.starts[t.codes.length] = all.length;
    this.entries = Int32Array.from(all);
  }

  static build(t: TenantData, maxRemembered: number): RoleDecisions | null {
    return t.roles.length <= MAX_MASK_ROLES ? new RoleDecisions(t, maxRemembered) : null;
  }

  /** Mask of the roles held through the assigned ones (inheritance included). */
  heldMask(assigned: readonly number[]): number {
    let mask = 0;
    for (const a of assigned) mask |= this.closureMasks[a] ?? 0;
    return mask;
  }

  /**
   * The decision for a role-only user on catalog code `idx` that passed rules 1–3 (`inSet`: the
   * code is in their effective set): `none` when nothing grants it, else the shared decision,
   * or undefined when no user has needed it yet — then decide by the rules and `remember` it.
   */
  lookup(idx: number, inSet: boolean, assigned: number, held: number, none: Decision): Decision | undefined {
    const key = this.keyFor(idx, inSet, assigned, held);
    if (key === NOTHING_GRANTS) return none;
    if (key === NO_KEY) return undefined;
    return inSet ? this.granted.get(idx * 16384 + key) : this.dependency.get(idx)?.get(key);
  }

  remember(idx: number, inSet: boolean, assigned: number, held: number, decision: Decision): void {
    const key = this.keyFor(idx, inSet, assigned, held);
    if (key < 0) return;
    if (++this.remembered > this.maxRemembered) {
      this.granted.clear();
      this.dependency.clear();
      this.remembered = 1;
    }
    if (inSet) this.granted.set(idx * 16384 + key, decision);
    else {
      const table = this.dependency.get(idx) ?? new Map<number, Decision>();
      table.set(key, decision);
      this.dependency.set(idx, table);
    }
  }

  /**
   * Granted: the role `via` names (first held candidate), the assigned role it is held through
   * (itself, else the first assigned by name that inherits it), the widest holding scope and
   * whether the code or one of its dependencies is held by no grant that needs no context.
   * Not granted although a role grants it: a dependency is missing, and which one depends only
   * on the roles held.
   */
  private keyFor(idx: number, inSet: boolean, assigned: number, held: number): number {
    const entries = this.entries;
    let role = -1;
    let widest = 7;
    for (let k = this.starts[idx] as number, end = this.starts[idx + 1] as number; k < end; k++) {
      const c = entries[k] as number;
      if (((held >>> (c >> 3)) & 1) === 0) continue;
      if (role < 0) role = c >> 3;
      if ((c & 7) < widest) widest = c & 7;
    }
    if (!inSet) return role < 0 ? NOTHING_GRANTS : held;
    if (role < 0) return NO_KEY;
    let through = role;
    if (((assigned >>> role) & 1) === 0) {
      const via = assigned & (this.heldByMasks[role] ?? 0);
      through = 31 - Math.clz32(via & -via);
    }
    let conditional = (held & (this.unconditional[idx] as number)) === 0;
    for (const dep of this.dependencies[idx] ?? []) {
      if (conditional) break;
      conditional = (held & (this.unconditional[dep] as number)) === 0;
    }
    return (((((role << 5) | through) << 3) | widest) << 1) | (conditional ? 1 : 0);
  }
}
