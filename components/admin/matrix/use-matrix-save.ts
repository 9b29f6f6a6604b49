"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import type { ApiProblem, ApiResult } from "@/lib/query/api";
import { fetchAudit } from "@/lib/query/audit";
import { problemDetail, problemTitle } from "@/lib/query/hooks";
import { queryKeys } from "@/lib/query/keys";
import {
  cachedMatrix,
  fetchMatrix,
  type MatrixPatchResult,
  matrixWriteKeys,
  patchMatrix,
  reloadMatrix,
  setCachedMatrix,
} from "@/lib/query/matrix";
import { applySaved, patchBody } from "./changes";
import type { Conflict, StaleRole } from "./conflict-panel";
import type { useMatrixEditor } from "./use-matrix-editor";

type Body = ReturnType<typeof patchBody> & { reason?: string };
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Save: the preview dialog, the one all-or-nothing PATCH with each role's version, the 202 note
 * about approvals, and the 409 flow — find which roles moved on and who changed what, then Reload
 * (refetch and re-apply the edits that still make sense).
 */
export function useMatrixSave({
  editor,
  loadedAt,
  canViewAudit,
}: {
  editor: ReturnType<typeof useMatrixEditor>;
  loadedAt: number;
  canViewAudit: boolean;
}) {
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [reloading, setReloading] = useState(false);

  async function explainConflict(problem: ApiProblem, body: Body) {
    const detail = problem.body.detail ?? "";
    setConflict({ detail, stale: [], loading: true });
    try {
      const fresh = await fetchMatrix();
      const stale: StaleRole[] = body.changes
        .map((c) => {
          const now = fresh.roles.find((r) => r.id === c.role_id);
          const before = cachedMatrix(qc)?.roles.find((r) => r.id === c.role_id);
          return {
            roleId: c.role_id,
            name: now?.name ?? before?.name ?? "A role",
            yours: c.version,
            current: now?.version ?? null,
            entries: [],
          };
        })
        .filter((s) => s.current !== s.yours);
      if (canViewAudit) {
        await Promise.all(
          stale.map(async (s) => {
            const log = await fetchAudit({ target_type: "role", target_id: s.roleId, limit: 5 }).catch(() => null);
            const recent = log?.data.filter((e) => Date.parse(e.created_at) >= loadedAt - 500) ?? [];
            s.entries = (recent.length ? recent : (log?.data.slice(0, 2) ?? [])).slice(0, 4);
          }),
        );
      }
      setConflict({ detail, stale, loading: false });
    } catch {
      setConflict({ detail, stale: [], loading: false });
    }
  }

  const mutation = useMutation<ApiResult<MatrixPatchResult>, ApiProblem, Body>({
    mutationFn: patchMatrix,
    onSuccess: async ({ data }) => {
      setCachedMatrix(qc, (old) => old && applySaved(old, data));
      editor.clear();
      setOpen(false);
      const added = data.roles.reduce((n, r) => n + r.added.length, 0);
      const removed = data.roles.reduce((n, r) => n + r.removed.length, 0);
      const waiting = "approvals" in data ? data.approvals : [];
      const done = [added && `${added} granted`, removed && `${removed} revoked`].filter(Boolean).join(", ");
      const summary = done ? `Saved on ${plural(data.roles.length, "role")}: ${done}.` : "Sent for approval.";
      const awaiting = `${plural(waiting.length, "grant awaits", "grants await")} approval`;
      const approvals = waiting.length
        ? `${awaiting} (${waiting.map((a) => a.code).join(", ")}): another admin must approve ${waiting.length === 1 ? "it" : "them"} in Approvals.`
        : "";
      editor.setNote({
        tone: waiting.length ? "warn" : "success",
        text: [summary, approvals].filter(Boolean).join(" "),
        approvalsLink: waiting.length > 0,
      });
      toast.success(summary, waiting.length ? { description: awaiting } : undefined);
      await Promise.all(matrixWriteKeys.map((queryKey) => qc.invalidateQueries({ queryKey })));
    },
    onError: (problem, body) => {
      if (problem.status === 409) {
        setOpen(false);
        void explainConflict(problem, body);
        return;
      }
      setError([problemTitle(problem), problemDetail(problem)].filter(Boolean).join(": "));
      toast.error(problemTitle(problem), { description: problemDetail(problem) });
    },
  });

  /** `reason`: why the requester asks, kept on the approval requests the save opens (API.md). */
  const save = (reason?: string) => {
    const body = {
      ...patchBody(editor.pending, editor.versionOf),
      ...(reason?.trim() ? { reason: reason.trim() } : {}),
    };
    if (body.changes.length > 50) return setError("At most 50 roles can be saved at once: save some, then the rest.");
    setError(null);
    mutation.mutate(body);
  };

  async function reload(reapply: boolean) {
    setReloading(true);
    try {
      const fresh = await reloadMatrix(qc);
      void qc.invalidateQueries({ queryKey: queryKeys.roles.all });
      if (reapply) editor.reapply(fresh);
      else
        editor.clear(),
          editor.setNote({ tone: "info", text: "Discarded your changes and reloaded the latest matrix." });
      setConflict(null);
    } catch (e) {
      toast.error("Could not reload the matrix", { description: problemDetail(e) });
    } finally {
      setReloading(false);
    }
  }

  const openPreview = () => {
    setError(null);
    setOpen(true);
  };

  return { open, setOpen, openPreview, error, save, saving: mutation.isPending, conflict, reloading, reload };
}
