"use client";
import { useCallback, useMemo, useRef, useState } from "react";
import type { MatrixData } from "@/lib/query/matrix";
import { type Change, rebase } from "./changes";
import {
  type DependencyGraph,
  MatrixState,
  pendingKey,
  planGrant,
  planRevoke,
  type RoleNode,
  withEdits,
} from "./model";

export interface Note {
  tone: "info" | "success" | "warn";
  text: string;
  approvalsLink?: boolean;
}
export interface UntickRequest {
  roleId: string;
  roleName: string;
  what: string;
  remove: string[];
  dependents: { code: string; direct: boolean }[];
}

const list = (codes: string[], max = 6) =>
  codes.length > max ? `${codes.slice(0, max).join(", ")} and ${codes.length - max} more` : codes.join(", ");

/**
 * The matrix's unsaved edits: pending cells, the role versions they were made against (sent with
 * the PATCH, so a concurrent change is a 409 rather than silently overwritten), the dependency
 * auto-ticks with their note, and the question asked before unticking what others depend on.
 */
export function useMatrixEditor({
  data,
  roles,
  graph,
  approvalCodes,
}: {
  data: MatrixData;
  roles: RoleNode[];
  graph: DependencyGraph;
  approvalCodes: ReadonlySet<string>;
}) {
  const [pending, setPending] = useState<Map<string, boolean>>(() => new Map());
  const [versions, setVersions] = useState<Map<string, number>>(() => new Map());
  const [note, setNote] = useState<Note | null>(null);
  const [untick, setUntick] = useState<UntickRequest | null>(null);

  const build = useCallback(
    (p: ReadonlyMap<string, boolean>) => new MatrixState(roles, data.grants, p),
    [roles, data.grants],
  );
  const state = useMemo(() => build(pending), [build, pending]);
  const allCodes = useMemo(() => data.permissions.map((p) => p.code), [data.permissions]);
  // What a tick may pull in: the plan's codes (one outside it would be refused, and grant nothing).
  const known = useMemo(
    () => new Set(data.permissions.filter((p) => !p.out_of_plan).map((p) => p.code)),
    [data.permissions],
  );

  // Event handlers read the latest render's values (they are created once, for the memoised rows).
  const latest = useRef({ state, pending, data });
  latest.current = { state, pending, data };

  const edit = useCallback((roleId: string, codes: string[], want: boolean) => {
    const { data: d } = latest.current;
    setPending((p) => withEdits(p, d.grants, roleId, codes, want));
    const version = d.roles.find((r) => r.id === roleId)?.version ?? 1;
    setVersions((v) => (v.has(roleId) ? v : new Map(v).set(roleId, version)));
  }, []);

  const nameOf = useCallback(
    (roleId: string) => latest.current.data.roles.find((r) => r.id === roleId)?.name ?? "this role",
    [],
  );

  const grant = useCallback(
    (roleId: string, codes: string[], what: string) => {
      const plan = planGrant(latest.current.state, graph, roleId, codes, known);
      if (!plan.add.length) return;
      edit(roleId, plan.add, true);
      const role = nameOf(roleId);
      const needApproval = plan.add.filter((c) => approvalCodes.has(c));
      const parts = [];
      if (plan.deps.length)
        parts.push(
          `Ticked ${what} for ${role} and also ${list(plan.deps)}, which ${plan.requested.length === 1 ? "it depends" : "they depend"} on.`,
        );
      if (needApproval.length)
        parts.push(
          `${list(needApproval)} ${needApproval.length === 1 ? "needs" : "need"} approval: saving opens a request.`,
        );
      setNote(parts.length ? { tone: plan.deps.length ? "info" : "warn", text: parts.join(" ") } : null);
    },
    [edit, graph, known, nameOf, approvalCodes],
  );

  const revoke = useCallback(
    (roleId: string, codes: string[], what: string) => {
      const { state: s, pending: p, data: d } = latest.current;
      const plan = planRevoke(s, graph, roleId, codes, allCodes, build, p, d.grants);
      if (!plan.remove.length) return;
      if (plan.dependents.length)
        return setUntick({ roleId, roleName: nameOf(roleId), what, remove: plan.remove, dependents: plan.dependents });
      edit(roleId, plan.remove, false);
      setNote(null);
    },
    [allCodes, build, edit, graph, nameOf],
  );

  const confirmUntick = useCallback(
    (cascade: boolean) => {
      if (!untick) return;
      const extra = cascade ? untick.dependents.filter((x) => x.direct).map((x) => x.code) : [];
      edit(untick.roleId, [...untick.remove, ...extra], false);
      const left = untick.dependents.filter((x) => !cascade || !x.direct).map((x) => x.code);
      setNote(
        cascade && extra.length
          ? {
              tone: "info",
              text: `Unticked ${untick.what} for ${untick.roleName} and ${list(extra)}, which depended on it.${left.length ? ` ${list(left)} ${left.length === 1 ? "is" : "are"} inherited and will be denied without it.` : ""}`,
            }
          : {
              tone: "warn",
              text: `Unticked ${untick.what} for ${untick.roleName}. ${list(left)} ${left.length === 1 ? "stays ticked but will be" : "stay ticked but will be"} denied without it.`,
            },
      );
      setUntick(null);
    },
    [edit, untick],
  );

  /** Undo a pending edit of one cell (e.g. keep an own grant that is also inherited). */
  const restore = useCallback(
    (roleId: string, code: string) => {
      const saved = (latest.current.data.grants[roleId] ?? []).includes(code);
      edit(roleId, [code], saved);
    },
    [edit],
  );

  const clear = useCallback(() => {
    setPending(new Map());
    setVersions(new Map());
    setUntick(null);
  }, []);

  /** After a reload: keep what still changes something, drop the rest, and say which. */
  const reapply = useCallback((fresh: MatrixData) => {
    const r = rebase(latest.current.pending, fresh);
    setPending(r.pending);
    setVersions(new Map(r.kept.map((c) => [c.roleId, fresh.roles.find((x) => x.id === c.roleId)!.version])));
    const names = new Map(fresh.roles.map((x) => [x.id, x.name]));
    const describe = (c: Change) => `${c.grant ? "+" : "−"}${c.code} on ${names.get(c.roleId) ?? "a deleted role"}`;
    const kept = r.kept.length
      ? `Re-applied ${r.kept.length} change${r.kept.length === 1 ? "" : "s"}: ${list(r.kept.map(describe), 4)}.`
      : "None of your changes still apply.";
    const dropped = r.dropped.length
      ? ` Dropped ${r.dropped.length}: ${r.dropped
          .slice(0, 4)
          .map((d) => `${describe(d.change)} (${d.reason})`)
          .join(", ")}${r.dropped.length > 4 ? "…" : ""}.`
      : "";
    setNote({ tone: r.dropped.length ? "warn" : "info", text: `Reloaded the latest matrix. ${kept}${dropped}` });
    return r;
  }, []);

  /** After a role editor's reload: its edits as re-applied on the fresh role, at the fresh version. */
  const adopt = useCallback((roleId: string, codes: ReadonlyMap<string, boolean>, version: number) => {
    setPending(new Map([...codes].map(([code, grant]) => [pendingKey(roleId, code), grant])));
    setVersions(new Map([[roleId, version]]));
    setUntick(null);
  }, []);

  const versionOf = useCallback(
    (roleId: string) => versions.get(roleId) ?? data.roles.find((r) => r.id === roleId)?.version ?? 1,
    [versions, data.roles],
  );

  return {
    pending,
    state,
    versionOf,
    note,
    setNote,
    untick,
    setUntick,
    confirmUntick,
    grant,
    revoke,
    restore,
    clear,
    reapply,
    adopt,
  };
}
